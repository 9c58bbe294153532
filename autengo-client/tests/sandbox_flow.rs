#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(not(feature = "sandbox"), allow(missing_docs))]
#![cfg(feature = "sandbox")]
//! Flows against the sandbox: the dealer tour, filters with every operator,
//! paging, contacts CRUD, opportunities, languages, auth failures, and
//! streaming 10,000 vehicles.

use autengo_client::sandbox::Sandbox;
use autengo_client::{
    Client, Cmp, Column, ContactPost, ContactTitle, Dir, Error, FilterField, Language,
    OpportunityCustomer, OpportunityPost, SecretString, TokenStyle, Vehicle,
};
use futures::{StreamExt, TryStreamExt};
use jiff::civil::date;

#[tokio::test]
async fn tour_fords_2017_newest_first_then_contact_and_opportunity() {
    let sandbox = Sandbox::builder()
        .issued_tokens(TokenStyle::Jwt)
        .start()
        .await;
    let client = sandbox.client().unwrap();
    let fords: Vec<Vehicle> = client
        .vehicles()
        .list()
        .and(Column::MakeName, "Ford")
        .and(Column::ConditionType, autengo_client::ConditionType::Used)
        .and(Column::Kilometers, Cmp::Ge(25_000))
        .and(Column::Kilometers, Cmp::Le(250_000))
        .and(Column::FirstRegistration, Cmp::Ge(date(2017, 1, 1)))
        .and(Column::FirstRegistration, Cmp::Lt(date(2018, 1, 1)))
        .order(Column::Created, Dir::Desc)
        .limit(5)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(fords.len() >= 12, "{}", fords.len());
    assert!(sandbox.list_requests() >= 3, "streamed across pages");
    for w in fords.windows(2) {
        let created = |v: &autengo_client::Vehicle| v.created.map(|c| c.datetime());
        assert!(created(&w[0]) >= created(&w[1]), "newest first");
    }
    for f in &fords {
        assert_eq!(f.make_name.as_deref(), Some("Ford"));
        assert!((25_000..=250_000).contains(&f.kilometers.unwrap()));
        assert_eq!(f.first_registration.unwrap().year(), 2017);
    }
    let car = &fords[0];
    let contact = client
        .contacts()
        .create(
            &ContactPost::builder()
                .title(ContactTitle::Mrs)
                .first_name("Erika")
                .last_name("Mustermann")
                .email("erika@example.org")
                .tecfactura_id("TF-1")
                .build(),
        )
        .await
        .unwrap()
        .into_contact();
    let opp = client
        .opportunities()
        .create(
            &OpportunityPost::builder()
                .selling_id(car.selling_id.clone())
                .request_text("Probefahrt?")
                .customer(
                    OpportunityCustomer::builder()
                        .last_name(contact.last_name.clone().unwrap())
                        .email("erika@example.org")
                        .build(),
                )
                .build(),
        )
        .await
        .unwrap();
    let recorded = sandbox.opportunities();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].opportunity_id, opp.opportunity_id());
    assert_eq!(recorded[0].selling_id, car.selling_id);
    assert_eq!(sandbox.tokens_issued(), 1);
}

async fn all(client: &Client, req: autengo_client::VehicleListRequest) -> Vec<Vehicle> {
    let _ = client;
    req.limit(250).stream().try_collect().await.unwrap()
}

#[tokio::test]
async fn every_operator_filters_the_data() {
    let sandbox = Sandbox::start().await;
    let c = sandbox.client_builder().build().unwrap();
    let total = all(&c, c.vehicles().list()).await.len();
    assert_eq!(total, 300);
    let km = |v: &Vehicle| v.kilometers.unwrap();
    let lt = all(
        &c,
        c.vehicles()
            .list()
            .and(Column::Kilometers, Cmp::Lt(100_000)),
    )
    .await;
    let ge = all(
        &c,
        c.vehicles()
            .list()
            .and(Column::Kilometers, Cmp::Ge(100_000)),
    )
    .await;
    assert!(lt.iter().all(|v| km(v) < 100_000) && ge.iter().all(|v| km(v) >= 100_000));
    assert_eq!(lt.len() + ge.len(), total);
    let le = all(&c, c.vehicles().list().and(Column::DoorCount, Cmp::Le(3))).await;
    let gt = all(&c, c.vehicles().list().and(Column::DoorCount, Cmp::Gt(3))).await;
    assert!(!le.is_empty() && !gt.is_empty());
    assert_eq!(le.len() + gt.len(), total);
    let eq = all(
        &c,
        c.vehicles().list().and(Column::MakeName, Cmp::Eq("Audi")),
    )
    .await;
    let ne = all(
        &c,
        c.vehicles().list().and(Column::MakeName, Cmp::Ne("Audi")),
    )
    .await;
    assert!(eq.iter().all(|v| v.make_name.as_deref() == Some("Audi")));
    assert_eq!(eq.len() + ne.len(), total);
    // or: any condition
    let colors = all(&c, c.vehicles().list().or_each(Column::ColorId, [3, 4, 5])).await;
    assert!(!colors.is_empty());
    assert!(
        colors
            .iter()
            .all(|v| (3..=5).contains(&v.color_id.as_ref().unwrap().key))
    );
    // booleans, decimals, date-times, search
    let hybrids = all(&c, c.vehicles().list().and(Column::IsPluginHybrid, true)).await;
    assert!(!hybrids.is_empty() && hybrids.iter().all(|v| v.is_plugin_hybrid == Some(true)));
    let cheap = all(
        &c,
        c.vehicles().list().and(
            Column::Price,
            Cmp::Le(rust_decimal::Decimal::new(1_000_050, 2)),
        ),
    )
    .await;
    assert!(
        cheap
            .iter()
            .all(|v| v.dealer_price.unwrap() <= rust_decimal::Decimal::new(1_000_050, 2))
    );
    let early = all(
        &c,
        c.vehicles()
            .list()
            .and(Column::Created, Cmp::Lt(date(2024, 1, 2).at(0, 0, 0, 0))),
    )
    .await;
    assert_eq!(
        early.len(),
        16,
        "one vehicle every 61 minutes from 2024-01-01 08:00"
    );
    let search = all(&c, c.vehicles().list().search("titanium")).await;
    assert!(!search.is_empty());
    assert!(
        search
            .iter()
            .all(|v| v.model_version.as_deref().unwrap().contains("Titanium"))
    );
    // order asc by kilometers
    let asc = all(&c, c.vehicles().list().order(Column::Kilometers, Dir::Asc)).await;
    assert!(asc.windows(2).all(|w| km(&w[0]) <= km(&w[1])));
    // a bad column is the server's 400
    let err = c
        .vehicles()
        .list()
        .and(Column::Other("nope".into()), 1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(err.to_string().contains("Unknown filter column"), "{err}");
}

#[tokio::test]
async fn paging_makes_models_filter_values_and_languages() {
    let sandbox = Sandbox::start().await;
    let c = sandbox.client_builder().build().unwrap();
    let page = c
        .vehicles()
        .list()
        .offset(290)
        .limit(25)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (page.total, page.offset, page.limit, page.list.len()),
        (300, 290, 25, 10)
    );
    let makes = c.vehicles().makes().await.unwrap();
    let ford = makes
        .list
        .iter()
        .find(|m| m.make_name.as_deref() == Some("Ford"))
        .unwrap();
    let models = c.vehicles().models(ford.make_id).await.unwrap();
    assert!(
        models
            .list
            .iter()
            .any(|m| m.model_name.as_deref() == Some("Focus"))
    );
    assert_eq!(
        c.vehicles()
            .models(1)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
    let values = c
        .vehicles()
        .filter_values()
        .field(FilterField::MakeId)
        .field(FilterField::FuelType)
        .send()
        .await
        .unwrap();
    assert_eq!(
        values.get(&FilterField::MakeId).unwrap().len(),
        makes.list.len()
    );
    let default = c.vehicles().filter_values().send().await.unwrap();
    assert!(default.get(&FilterField::MakeId).is_some());
    let id = page.list[0].selling_id.clone();
    let de = c.vehicles().get(&id).await.unwrap();
    let en = c
        .with_language(Language::En)
        .vehicles()
        .get(&id)
        .await
        .unwrap();
    let state = |v: &Vehicle| v.vehicle_state.clone().unwrap();
    assert_eq!(state(&de).key, state(&en).key);
    assert_ne!(state(&de).text(), state(&en).text());
    assert_eq!(
        c.vehicles()
            .get("NOPE")
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
}

#[tokio::test]
async fn contacts_crud_by_id_and_tecfactura() {
    let sandbox = Sandbox::start().await;
    let c = sandbox.client_builder().build().unwrap();
    let created = c
        .contacts()
        .create(
            &ContactPost::builder()
                .last_name("Muster")
                .tecfactura_id("TF-9")
                .customer_rating(4)
                .build(),
        )
        .await
        .unwrap();
    let id = created.contact().id;
    assert_eq!(
        c.contacts()
            .get(id)
            .await
            .unwrap()
            .contact()
            .last_name
            .as_deref(),
        Some("Muster")
    );
    let upd = ContactPost::builder()
        .last_name("Muster")
        .city("Berlin")
        .build();
    assert_eq!(
        c.contacts()
            .update(id, &upd)
            .await
            .unwrap()
            .contact()
            .city
            .as_deref(),
        Some("Berlin")
    );
    let by_tf = c.contacts().get_by_tecfactura("TF-9").await.unwrap();
    assert_eq!(by_tf.contact().id, id);
    assert_eq!(by_tf.contact().customer_rating, Some(4));
    c.contacts()
        .update_by_tecfactura("TF-9", &ContactPost::builder().last_name("Neu").build())
        .await
        .unwrap();
    assert_eq!(sandbox.contacts()[&id]["lastName"], "Neu");
    c.contacts().delete_by_tecfactura("TF-9").await.unwrap();
    assert_eq!(
        c.contacts()
            .get(id)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
    assert_eq!(
        c.contacts()
            .delete(id)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
    let again = c
        .contacts()
        .create(&ContactPost::builder().last_name("B").build())
        .await
        .unwrap();
    c.contacts().delete(again.contact().id).await.unwrap();
    assert!(sandbox.contacts().is_empty());
}

#[tokio::test]
async fn opportunity_for_unknown_vehicle_is_404() {
    let sandbox = Sandbox::start().await;
    let c = sandbox.client_builder().build().unwrap();
    let err = c
        .opportunities()
        .create(
            &OpportunityPost::builder()
                .selling_id("UNKNOWN")
                .customer(OpportunityCustomer::builder().last_name("Doe").build())
                .build(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(err.to_string().contains("Vehicle not found"));
}

#[tokio::test]
async fn missing_or_wrong_credentials_are_401() {
    let sandbox = Sandbox::start().await;
    let no_key = reqwest_status(&format!("{}/vehicle", sandbox.url())).await;
    assert_eq!(no_key, 401);
    let wrong = Client::builder()
        .base_url(sandbox.url())
        .api_key(SecretString::from("wrong"))
        .build()
        .unwrap();
    let err = wrong.vehicles().makes().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    // contacts need a user token
    let no_token = Client::builder()
        .base_url(sandbox.url())
        .api_key(Sandbox::api_key())
        .build()
        .unwrap();
    assert_eq!(
        no_token
            .contacts()
            .get(1)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(401)
    );
    let bad_token = Client::builder()
        .base_url(sandbox.url())
        .api_key(Sandbox::api_key())
        .session_token(SecretString::from("forged"))
        .build()
        .unwrap();
    assert_eq!(
        bad_token
            .vehicles()
            .makes()
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(401)
    );
    let session = Client::builder()
        .base_url(sandbox.url())
        .api_key(Sandbox::api_key())
        .session_token(SecretString::from(Sandbox::USER_TOKEN))
        .build()
        .unwrap();
    assert_eq!(
        session
            .contacts()
            .get(1)
            .await
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
    let wrong_user = Client::builder()
        .base_url(sandbox.url())
        .api_key(Sandbox::api_key())
        .alzura_user(1, 2, TokenStyle::Jwt)
        .build()
        .unwrap();
    let err = wrong_user.vehicles().makes().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    // the token endpoint's status and reason, where a user reads them
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    assert!(
        err.to_string().contains("(401 Unauthorized)")
            && err.to_string().contains("Unknown dealer or user"),
        "{err}"
    );
}

async fn reqwest_status(url: &str) -> u16 {
    forecourt_core::reqwest::get(url)
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn streams_10000_vehicles_one_page_at_a_time() {
    let sandbox = Sandbox::builder().vehicle_count(10_000).start().await;
    let c = sandbox.client_builder().build().unwrap();
    let mut stream = c
        .vehicles()
        .list()
        .order(Column::Created, Dir::Asc)
        .limit(250)
        .stream();
    let mut count = 0usize;
    let mut last = None;
    while let Some(v) = stream.next().await {
        let v = v.unwrap();
        if last.is_some() {
            assert!(
                v.created.map(|c| c.datetime()) > last,
                "ascending, no duplicates"
            );
        }
        last = v.created.map(|c| c.datetime());
        count += 1;
        if count == 1 {
            assert_eq!(
                sandbox.list_requests(),
                1,
                "lazy: one page fetched for the first item"
            );
        }
    }
    assert_eq!(count, 10_000);
    assert_eq!(sandbox.list_requests(), 40);
}

/// Incremental sync: the newest `updated` a page carried, sent back as the
/// next query's lower bound (a `VendorDateTime` is a filter value), brings
/// only what changed after it.
#[tokio::test]
async fn the_last_updated_seen_is_the_next_querys_lower_bound() {
    let sandbox = Sandbox::builder().start().await;
    let c = sandbox.client().unwrap();
    let first: Vec<Vehicle> = c
        .vehicles()
        .list()
        .order(Column::Updated, Dir::Asc)
        .limit(10)
        .send()
        .await
        .unwrap()
        .list;
    let last = first.last().and_then(|v| v.updated).unwrap();
    let rest: Vec<Vehicle> = c
        .vehicles()
        .list()
        .and(Column::Updated, Cmp::Gt(last))
        .order(Column::Updated, Dir::Asc)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let total = c.vehicles().list().limit(1).send().await.unwrap().total;
    assert_eq!(u64::try_from(first.len() + rest.len()).unwrap(), total);
    assert!(
        rest.iter()
            .all(|v| v.updated.unwrap().datetime() > last.datetime())
    );
}
