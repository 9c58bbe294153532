//! Users: list and create.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::{Error, Id, NewUser};

fn new_user() -> NewUser {
    NewUser::builder()
        .first_name("test")
        .last_name("test")
        .date_of_birth(jiff::civil::date(1950, 10, 14))
        .email("wiley@co32yote.net")
        .phone_number("8885551212")
        .build()
}

#[tokio::test]
async fn list_users_sends_token_and_decodes_employees() {
    let (server, client) = setup().await;
    api("GET", "/users")
        .respond_with(answer(200, "users_list_response"))
        .expect(1)
        .mount(&server)
        .await;
    let users = client.users().list().await.unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(users[0].id, Id::from("3989"));
    assert_eq!(users[0].email.as_deref(), Some("john@example.com"));
    assert_eq!(users[0].first_name.as_deref(), Some("John"));
    assert_eq!(users[0].last_name.as_deref(), Some("Snow"));
    assert_eq!(users[0].user_id, Some(Id::from(1u64)));
    assert_eq!(users[1].last_name.as_deref(), Some("Heinrich"));
}

#[tokio::test]
async fn create_user_sends_the_documented_body() {
    let (server, client) = setup().await;
    api_with_body("POST", "/users", fixture("user_create_request"))
        .respond_with(answer(201, "user_create_response"))
        .expect(1)
        .mount(&server)
        .await;
    let user = client.users().create(&new_user()).await.unwrap();
    assert_eq!(user.id.as_str(), "1");
    assert_eq!(user.email.as_deref(), Some("wiley@co32yote.net"));
    assert_eq!(user.user_id.and_then(|i| i.as_u64()), Some(7));
}

#[tokio::test]
async fn create_user_validates_before_sending() {
    let (_server, client) = setup().await;
    let mut bad = new_user();
    bad.email = "not-an-email".into();
    let err = client.users().create(&bad).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "email"),
        "{err:?}"
    );
    assert!(!err.to_string().contains("not-an-email"));
    let mut bad = new_user();
    bad.phone_number = "12".into();
    let err = client.users().create(&bad).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "phone-number"),
        "{err:?}"
    );
}
