//! Autengo against its sandbox: find used Fords with 25,000-250,000 km first
//! registered in 2017 (newest first, streamed across pages), then create a
//! contact and an opportunity (lead) for the first one.
//!
//! Run with `cargo run -p examples --bin autengo`.

use std::process::ExitCode;

use autengo_client::sandbox::Sandbox;
use autengo_client::{
    Cmp, Column, ConditionType, ContactPost, ContactTitle, Dir, Error, Language,
    OpportunityCustomer, OpportunityPost, TokenStyle,
};
use futures::TryStreamExt;
use jiff::civil::date;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Display shows the vendor's own message; nothing secret is in it.
            eprintln!("autengo example failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> autengo_client::Result<()> {
    // A stateful fake of the Autengo API on localhost.
    // X-Api-Key on every call; user tokens issued by /auth/token and renewed
    // before they expire, sent as `Authorization: JWT <token>`.
    let sandbox = Sandbox::builder()
        .issued_tokens(TokenStyle::Jwt)
        .start()
        .await;
    let client = sandbox.client_builder().language(Language::En).build()?;

    // The typed query: written as LHS brackets the way the server's `qs` reads it.
    let query = client
        .vehicles()
        .list()
        .and(Column::MakeName, "Ford")
        .and(Column::ConditionType, ConditionType::Used)
        .and(Column::Kilometers, Cmp::Ge(25_000))
        .and(Column::Kilometers, Cmp::Le(250_000))
        .and(Column::FirstRegistration, Cmp::Ge(date(2017, 1, 1)))
        .and(Column::FirstRegistration, Cmp::Lt(date(2018, 1, 1)))
        .order(Column::Created, Dir::Desc)
        .limit(5); // small pages, to show the stream crossing them
    println!("GET /vehicle?{}", query.query_string()?);

    // Lazily, one page in memory at a time.
    let mut fords = query.stream();
    let mut chosen = None;
    let mut count = 0;
    while let Some(v) = fords.try_next().await? {
        count += 1;
        println!(
            "  {} {} {} | {} km | first registered {} | {}",
            v.selling_id,
            v.make_name.as_deref().unwrap_or("?"),
            v.model_name.as_deref().unwrap_or("?"),
            v.kilometers.map_or_else(
                || "?".to_owned(),
                |km| examples::tour::report::group_digits(&km.to_string())
            ),
            v.first_registration
                .map(|d| d.to_string())
                .unwrap_or_default(),
            v.fuel_type.as_ref().and_then(|f| f.text()).unwrap_or("?"),
        );
        chosen.get_or_insert(v);
    }
    println!(
        "{count} matching Fords ({} list requests)",
        sandbox.list_requests()
    );
    let Some(car) = chosen else {
        return Err(Error::invalid_input(
            "vehicle",
            "no matching Ford in the sandbox",
        ));
    };

    // A contact for the dealer (personal data fields are Redacted in Debug).
    let contact = client
        .contacts()
        .create(
            &ContactPost::builder()
                .title(ContactTitle::Mrs)
                .first_name("Erika")
                .last_name("Mustermann")
                .email("erika.mustermann@example.org")
                .phone_number("+49 30 1234567")
                .build(),
        )
        .await?
        .into_contact();
    println!("contact {} created", contact.id);

    // The lead for the chosen car.
    let lead = client
        .opportunities()
        .create(
            &OpportunityPost::builder()
                .selling_id(car.selling_id.clone())
                .request_text("Is a test drive possible this week?")
                .customer(
                    OpportunityCustomer::builder()
                        .last_name("Mustermann")
                        .first_name("Erika")
                        .email("erika.mustermann@example.org")
                        .build(),
                )
                .build(),
        )
        .await?;
    println!(
        "opportunity {} created for {}",
        lead.opportunity_id(),
        car.selling_id
    );

    // Errors are typed: an unknown vehicle is the vendor's 404.
    match client.vehicles().get("NOPE42").await {
        Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => {
            println!("unknown vehicle, as expected: {e}");
        }
        Err(e) => return Err(e),
        Ok(_) => return Err(Error::invalid_input("vehicle", "unexpectedly found")),
    }
    Ok(())
}
