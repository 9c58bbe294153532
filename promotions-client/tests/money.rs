#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Exact money math: the amount financed and the estimated monthly payment.

use promotions_client::{AmountFinanced, LoanType};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn amount(s: &str) -> AmountFinanced {
    AmountFinanced::new(dec(s)).unwrap()
}

#[test]
fn revolving_rounds_up_to_the_next_whole_unit() {
    let cases = [
        // (amount, factor, revolving, closed-end)
        ("10000.00", "0.01", "100", "100.00"), // 100.00 stays 100
        ("10000.00", "0.0100001", "101", "100.001"), // 100.001 goes up
        ("9999.99", "0.01", "100", "99.9999"),
        ("12500.00", "0.035", "438", "437.50"), // half is rounded up, not to even
        ("12500.00", "0.0275", "344", "343.75"),
        ("0.01", "0.01", "1", "0.0001"),
        ("1", "0", "0", "0.00"),
        ("15000.00", "0.013210", "199", "198.15"),
        ("100", "1", "100", "100.00"),
    ];
    for (a, f, revolving, closed) in cases {
        let r = LoanType::Revolving
            .estimated_monthly_payment(amount(a), dec(f))
            .unwrap();
        assert_eq!(r.to_string(), revolving, "{a} x {f}");
        let c = LoanType::ClosedEnd
            .estimated_monthly_payment(amount(a), dec(f))
            .unwrap();
        assert_eq!(c.to_string(), closed, "{a} x {f}");
    }
    assert!(
        LoanType::Revolving
            .estimated_monthly_payment(amount("1"), dec("-0.01"))
            .is_err()
    );
    let huge = AmountFinanced::new(Decimal::MAX).unwrap();
    assert!(
        LoanType::ClosedEnd
            .estimated_monthly_payment(huge, dec("2"))
            .is_err()
    );
}

#[test]
fn amount_financed_follows_the_vendor_equation() {
    let a = AmountFinanced::calculate()
        .selling_price(dec("15000.00"))
        .down_payment(dec("2000.00"))
        .completion_payment(dec("500.00"))
        .sales_tax(dec("1237.50"))
        .trade_in(dec("1500.00"))
        .compute()
        .unwrap();
    assert_eq!(a.get().to_string(), "12237.50");
    let only_price = AmountFinanced::calculate()
        .selling_price(dec("0.01"))
        .compute()
        .unwrap();
    assert_eq!(only_price.get(), dec("0.01"));
    assert!(
        AmountFinanced::calculate()
            .selling_price(dec("0"))
            .compute()
            .is_err()
    );
    assert!(
        AmountFinanced::calculate()
            .selling_price(dec("100"))
            .trade_in(dec("100.01"))
            .compute()
            .is_err()
    );
    assert_eq!(serde_json::to_string(&a).unwrap(), "12237.50");
    assert_eq!(a.to_string(), "12237.50");
    let parsed: AmountFinanced = "12237.50".parse().unwrap();
    assert_eq!(parsed, a);
    assert!("0.00".parse::<AmountFinanced>().is_err());
    assert!("twelve".parse::<AmountFinanced>().is_err());
}

fn money() -> impl Strategy<Value = Decimal> {
    // 0.01 ..= 10,000,000.00 in cents
    (1i64..=1_000_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

fn factor() -> impl Strategy<Value = Decimal> {
    // 0.000000 ..= 0.999999
    (0i64..1_000_000).prop_map(|n| Decimal::new(n, 6))
}

fn cents_or_zero() -> impl Strategy<Value = Decimal> {
    (0i64..=500_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

proptest! {
    #[test]
    fn revolving_is_the_ceiling_of_the_exact_product(a in money(), f in factor()) {
        let exact = a * f;
        let r = LoanType::Revolving.estimated_monthly_payment(AmountFinanced::new(a).unwrap(), f).unwrap();
        prop_assert_eq!(r.fract(), Decimal::ZERO, "a whole unit");
        prop_assert!(r >= exact);
        prop_assert!(r - exact < Decimal::ONE);
        if exact.fract().is_zero() {
            prop_assert_eq!(r, exact, "whole amounts are not rounded up");
        } else {
            prop_assert_eq!(r, exact.trunc() + Decimal::ONE);
        }
    }

    #[test]
    fn closed_end_is_the_exact_product(a in money(), f in factor()) {
        let c = LoanType::ClosedEnd.estimated_monthly_payment(AmountFinanced::new(a).unwrap(), f).unwrap();
        prop_assert_eq!(c, a * f);
        // exact: dividing back gives the amount when the factor is not zero
        if !f.is_zero() {
            prop_assert_eq!(c / f, a);
        }
    }

    #[test]
    fn amount_financed_is_exact_or_refused(
        price in cents_or_zero(), down in cents_or_zero(), completion in cents_or_zero(),
        tax in cents_or_zero(), trade in cents_or_zero(),
    ) {
        let expected = price - down - completion + tax - trade;
        let got = AmountFinanced::calculate()
            .selling_price(price)
            .down_payment(down)
            .completion_payment(completion)
            .sales_tax(tax)
            .trade_in(trade)
            .compute();
        if expected > Decimal::ZERO {
            prop_assert_eq!(got.unwrap().get(), expected);
        } else {
            let refused = matches!(got, Err(promotions_client::Error::InvalidInput { .. }));
            prop_assert!(refused);
        }
    }
}
