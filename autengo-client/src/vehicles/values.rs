//! The vehicle's coded values (`sourceType`, `fuelType`, ...), its month
//! of a year, and the placeholder lists the documentation shows as `"array"`.

use std::fmt;
use std::str::FromStr;

use forecourt_core::serde_helpers::datetime;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::macros::string_enum;
use crate::{Error, Result};

string_enum! {
    /// Where the vehicle came from (`sourceType`).
    SourceType {
        /// `repurchased`
        Repurchased => "repurchased",
        /// `trade-in`
        TradeIn => "trade-in",
        /// `factoryCar`
        FactoryCar => "factoryCar",
        /// `leasingReturn`
        LeasingReturn => "leasingReturn",
    }
}

string_enum! {
    /// The stock state (`vehicleState`).
    VehicleState {
        /// `incoming`
        Incoming => "incoming",
        /// `inventory`
        Inventory => "inventory",
        /// `sold`
        Sold => "sold",
    }
}

string_enum! {
    /// Air conditioning (`climatisationType`).
    ClimatisationType {
        /// `none`
        None => "none",
        /// `airConditioning`
        AirConditioning => "airConditioning",
        /// `automaticClimateControl`
        AutomaticClimateControl => "automaticClimateControl",
        /// `automaticClimateControl2`
        AutomaticClimateControl2 => "automaticClimateControl2",
        /// `automaticClimateControl3`
        AutomaticClimateControl3 => "automaticClimateControl3",
        /// `automaticClimateControl4`
        AutomaticClimateControl4 => "automaticClimateControl4",
    }
}

string_enum! {
    /// New, used, ... (`conditionType`).
    ConditionType {
        /// `new`
        New => "new",
        /// `used`
        Used => "used",
        /// `employeesCar`
        EmployeesCar => "employeesCar",
        /// `classic`
        Classic => "classic",
        /// `demonstration`
        Demonstration => "demonstration",
        /// `dayRegistration`
        DayRegistration => "dayRegistration",
    }
}

string_enum! {
    /// Airbags (`airbagType`).
    AirbagType {
        /// `driverAirbag`
        DriverAirbag => "driverAirbag",
        /// `frontAirbag`
        FrontAirbag => "frontAirbag",
        /// `driverSideAirbag`
        DriverSideAirbag => "driverSideAirbag",
        /// `driverSideOtherAirbag`
        DriverSideOtherAirbag => "driverSideOtherAirbag",
    }
}

string_enum! {
    /// Upholstery (`interiorType`).
    InteriorType {
        /// `alcantara`
        Alcantara => "alcantara",
        /// `cloth`
        Cloth => "cloth",
        /// `fullLeather`
        FullLeather => "fullLeather",
        /// `partialLeather`
        PartialLeather => "partialLeather",
        /// `velour`
        Velour => "velour",
        /// `other`
        Other => "other",
    }
}

string_enum! {
    /// Fuel (`fuelType`).
    FuelType {
        /// `cng`
        Cng => "cng",
        /// `diesel`
        Diesel => "diesel",
        /// `electric`
        Electric => "electric",
        /// `electricDiesel`
        ElectricDiesel => "electricDiesel",
        /// `electricGasoline`
        ElectricGasoline => "electricGasoline",
        /// `ethanol`
        Ethanol => "ethanol",
        /// `gasoline`
        Gasoline => "gasoline",
        /// `hydrogen`
        Hydrogen => "hydrogen",
        /// `lpg`
        Lpg => "lpg",
    }
}

string_enum! {
    /// Fuel grade (`fuelDetailType`).
    FuelDetailType {
        /// `lpg`
        Lpg => "lpg",
        /// `normalGasoline91`
        NormalGasoline91 => "normalGasoline91",
        /// `super95`
        Super95 => "super95",
        /// `superPlus98`
        SuperPlus98 => "superPlus98",
        /// `normalGasolineE1091`
        NormalGasolineE1091 => "normalGasolineE1091",
        /// `superE1095`
        SuperE1095 => "superE1095",
        /// `superPlusE1098`
        SuperPlusE1098 => "superPlusE1098",
        /// `diesel`
        Diesel => "diesel",
        /// `biodiesel`
        Biodiesel => "biodiesel",
        /// `vegetableOil`
        VegetableOil => "vegetableOil",
        /// `cngH`
        CngH => "cngH",
        /// `cngL`
        CngL => "cngL",
        /// `bioCng`
        BioCng => "bioCng",
        /// `ethanol85`
        Ethanol85 => "ethanol85",
        /// `hydrogen`
        Hydrogen => "hydrogen",
        /// `electric`
        Electric => "electric",
    }
}

string_enum! {
    /// Gearbox (`transmissionType`).
    TransmissionType {
        /// `automatic`
        Automatic => "automatic",
        /// `manual`
        Manual => "manual",
        /// `semiAutomatic`
        SemiAutomatic => "semiAutomatic",
    }
}

string_enum! {
    /// Tyres (`tyreType`).
    TyreType {
        /// `summerTyres`
        SummerTyres => "summerTyres",
        /// `winterTyres`
        WinterTyres => "winterTyres",
        /// `allSeasonTyres`
        AllSeasonTyres => "allSeasonTyres",
    }
}

string_enum! {
    /// Driven axles (`driveType`).
    DriveType {
        /// `front`
        Front => "front",
        /// `rear`
        Rear => "rear",
        /// `all`
        All => "all",
        /// `other`
        Other => "other",
    }
}

string_enum! {
    /// Sliding doors (`slidingDoor`).
    SlidingDoor {
        /// `slidingDoorRight`
        Right => "slidingDoorRight",
        /// `slidingDoorLeft`
        Left => "slidingDoorLeft",
        /// `slidingDoorBoth`
        Both => "slidingDoorBoth",
    }
}

string_enum! {
    /// A CO₂ class (`emissionsCombinedCo2Class`, `emissionsDischargedCo2Class`).
    Co2Class {
        /// `A`
        A => "A",
        /// `B`
        B => "B",
        /// `C`
        C => "C",
        /// `D`
        D => "D",
        /// `E`
        E => "E",
        /// `F`
        F => "F",
        /// `G`
        G => "G",
    }
}

/// A month of a year (`nextInspection`: `"2017-05"`). Decodes `yyyy-mm`
/// and also a full date (`yyyy-mm-dd`, whose day is dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i16,
    month: i8,
}

impl YearMonth {
    /// A year and month (1-12); `None` if out of range.
    pub fn new(year: i16, month: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, 1)
            .ok()
            .map(|_| YearMonth { year, month })
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month (1-12).
    pub fn month(self) -> i8 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> Date {
        jiff::civil::Date::new(self.year, self.month, 1).unwrap_or_default()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid_input("yearMonth", "must look like 2017-05");
        let s = s.trim();
        let ym = s.get(..7).ok_or_else(bad)?;
        if s.len() > 7 {
            datetime::parse_date_lenient(s).map_err(|_| bad())?;
        }
        let (y, m) = ym.split_once('-').ok_or_else(bad)?;
        let year: i16 = y.parse().map_err(|_| bad())?;
        let month: i8 = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        forecourt_core::serde_helpers::from_str_with(d, |s| {
            s.parse::<YearMonth>()
                .map_err(|_| "not a month like 2017-05")
        })
    }
}

/// Lists the documentation shows only as the placeholder `"array"`
/// (`equipment`, `damages`, `documents`, `ads`): an array decodes item by
/// item as JSON; the placeholder string or `null` is an empty list.
///
/// Read with a visitor rather than through a `serde_json::Value`, so that
/// the placeholder (or any other non-array) is checked and dropped without
/// building a value for it.
pub(super) mod placeholder_list {
    use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::*;

    type Items = Vec<serde_json::Value>;

    struct ListVisitor;

    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Items;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any valid JSON value")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Items, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Items, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_i128<E: de::Error>(self, _: i128) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_u128<E: de::Error>(self, _: u128) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_unit<E: de::Error>(self) -> std::result::Result<Items, E> {
            Ok(Vec::new())
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Items, D::Error> {
            d.deserialize_any(self)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Items, D::Error> {
        d.deserialize_any(ListVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Lists {
        #[serde(default, deserialize_with = "placeholder_list::deserialize")]
        a: Vec<serde_json::Value>,
        next: Option<YearMonth>,
    }

    #[test]
    fn placeholder_lists_and_months_decode_every_shape() {
        for (list, len) in [
            (r#""array""#, 0),
            ("null", 0),
            ("5", 0),
            (r#"{"x":[1,{"y":2}]}"#, 0),
            (r#"[{"name":"ABS"},"x",null]"#, 3),
        ] {
            let l: Lists =
                serde_json::from_str(&format!(r#"{{"a":{list},"next":"2017-05-19"}}"#)).unwrap();
            assert_eq!(l.a.len(), len, "{list}");
            assert_eq!(l.next.unwrap().to_string(), "2017-05");
        }
        assert!(serde_json::from_str::<Lists>(r#"{"a":[1,}"#).is_err());
        assert!(serde_json::from_str::<Lists>(r#"{"next":"2017-13"}"#).is_err());
        assert!(serde_json::from_str::<Lists>(r#"{"next":201705}"#).is_err());
    }
}
