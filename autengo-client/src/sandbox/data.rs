//! The sandbox's generated vehicles: makes, models, versions and their texts.

use super::*;

// ---------------------------------------------------------------- data

pub(super) const MAKES: &[(u64, &str, &[&str])] = &[
    (190, "Audi", &["A3", "A4", "A6", "Q5"]),
    (191, "BMW", &["1er", "3er", "5er", "X3"]),
    (192, "Ford", &["Fiesta", "Focus", "Kuga", "Mondeo", "Puma"]),
    (193, "Mercedes-Benz", &["A-Klasse", "C-Klasse", "E-Klasse"]),
    (194, "Opel", &["Corsa", "Astra", "Insignia"]),
    (195, "Volkswagen", &["Polo", "Golf", "Passat", "Tiguan"]),
    (196, "Škoda", &["Fabia", "Octavia", "Superb"]),
];

pub(super) const VERSIONS: &[&str] = &[
    "Titanium 1.0 EcoBoost",
    "Trend 1.5",
    "ST-Line 2.0 TDCi",
    "Comfort",
    "Sport 2.0",
    "Basis 1.2",
];

pub(super) fn model_id(make_index: usize, model_index: usize) -> u64 {
    3800 + (make_index as u64) * 10 + model_index as u64
}

pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub(super) fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0 | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    pub(super) fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Car {
    pub(super) selling_id: String,
    pub(super) internal_id: String,
    pub(super) make_index: usize,
    pub(super) model_index: usize,
    pub(super) model_version: String,
    pub(super) vehicle_state: &'static str,
    pub(super) condition_type: &'static str,
    pub(super) first_registration: Date,
    pub(super) construction_date: Date,
    pub(super) kilometers: u64,
    pub(super) vehicle_type_id: u64,
    pub(super) climatisation_type: &'static str,
    pub(super) power_kw: u64,
    pub(super) cubic_capacity: u64,
    pub(super) door_count: u64,
    pub(super) seat_count: u64,
    pub(super) pollution_badge: u64,
    pub(super) color_id: u64,
    pub(super) interior_color_id: u64,
    pub(super) is_metallic_color: bool,
    pub(super) airbag_type: &'static str,
    pub(super) interior_type: &'static str,
    pub(super) fuel_type: &'static str,
    pub(super) fuel_detail_type: &'static str,
    pub(super) transmission_type: &'static str,
    pub(super) is_damaged: bool,
    pub(super) had_accident_damage: bool,
    pub(super) has_full_service_history: bool,
    pub(super) cylinders: u64,
    pub(super) price: Decimal,
    pub(super) is_plugin_hybrid: bool,
    pub(super) is_e10_enabled: bool,
    pub(super) drive_type: &'static str,
    pub(super) previous_owner_count: u64,
    pub(super) created: DateTime,
    pub(super) updated: DateTime,
}

pub(super) fn base36(mut n: u64, width: usize) -> String {
    pub(super) const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn date_or_default(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap_or_default()
}

impl Car {
    pub(super) fn generate(i: usize) -> Car {
        Car::generate_seeded(i, 0)
    }

    /// Seed 0 is [`Car::generate`]'s data; others mix into the generator
    /// and offset the selling id (unique below 36^4 vehicles).
    pub(super) fn generate_seeded(i: usize, seed: u64) -> Car {
        let mut rng = Rng::new((i as u64 + 1) ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let tour_ford = i % 25 == 3;
        let make_index = if tour_ford {
            2
        } else {
            rng.below(MAKES.len() as u64) as usize
        };
        let models = MAKES.get(make_index).map(|m| m.2).unwrap_or(&[]);
        let model_index = rng.below(models.len() as u64) as usize;
        let condition_type = if tour_ford {
            "used"
        } else {
            rng.pick(&[
                "used",
                "used",
                "used",
                "new",
                "demonstration",
                "employeesCar",
            ])
        };
        let year = if tour_ford {
            2017
        } else {
            2010 + rng.below(15) as i16
        };
        let first_registration =
            date_or_default(year, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
        let kilometers = match (tour_ford, condition_type) {
            (true, _) => 25_000 + rng.below(225_001),
            (false, "new") => rng.below(50),
            _ => 5_000 + rng.below(295_000),
        };
        let fuel_type = rng.pick(&[
            "gasoline",
            "gasoline",
            "diesel",
            "electric",
            "electricGasoline",
        ]);
        let fuel_detail_type = match fuel_type {
            "diesel" => "diesel",
            "electric" => "electric",
            _ => rng.pick(&["super95", "superE1095", "superPlus98"]),
        };
        let base = date_or_default(2024, 1, 1).at(8, 0, 0, 0);
        let created = base
            .checked_add(jiff::Span::new().minutes(i as i64 * 61))
            .unwrap_or(base);
        let updated = created
            .checked_add(jiff::Span::new().hours(rng.below(500) as i64))
            .unwrap_or(created);
        let euros = 4_000 + rng.below(56_000);
        let cents = if rng.below(2) == 0 { 0 } else { 50 };
        Car {
            selling_id: format!("AQ{}", base36((i as u64).wrapping_add(seed) % 1_679_616, 4)),
            internal_id: format!("SBX-{i:05}"),
            make_index,
            model_index,
            model_version: (rng.pick(VERSIONS)).to_owned(),
            vehicle_state: if tour_ford {
                "inventory"
            } else {
                rng.pick(&["inventory", "inventory", "incoming", "sold"])
            },
            condition_type,
            first_registration,
            construction_date: first_registration
                .checked_sub(jiff::Span::new().days(30 + rng.below(200) as i64))
                .unwrap_or(first_registration),
            kilometers,
            vehicle_type_id: 1 + rng.below(10),
            climatisation_type: rng.pick(&[
                "none",
                "airConditioning",
                "automaticClimateControl",
                "automaticClimateControl2",
            ]),
            power_kw: 50 + rng.below(250),
            cubic_capacity: if fuel_type == "electric" {
                0
            } else {
                999 + rng.below(2000)
            },
            door_count: rng.pick(&[3, 5, 5, 5]),
            seat_count: rng.pick(&[4, 5, 5, 7]),
            pollution_badge: 1 + rng.below(5),
            color_id: 1 + rng.below(14),
            interior_color_id: 1 + rng.below(14),
            is_metallic_color: rng.below(2) == 0,
            airbag_type: rng.pick(&[
                "driverAirbag",
                "frontAirbag",
                "driverSideAirbag",
                "driverSideOtherAirbag",
            ]),
            interior_type: rng.pick(&[
                "alcantara",
                "cloth",
                "fullLeather",
                "partialLeather",
                "velour",
                "other",
            ]),
            fuel_type,
            fuel_detail_type,
            transmission_type: rng.pick(&["automatic", "manual", "semiAutomatic"]),
            is_damaged: rng.below(10) == 0,
            had_accident_damage: rng.below(6) == 0,
            has_full_service_history: rng.below(3) != 0,
            cylinders: if fuel_type == "electric" {
                0
            } else {
                rng.pick(&[3, 4, 4, 6])
            },
            price: Decimal::new((euros * 100 + cents) as i64, 2),
            is_plugin_hybrid: fuel_type == "electricGasoline",
            is_e10_enabled: fuel_detail_type == "superE1095",
            drive_type: rng.pick(&["front", "front", "rear", "all"]),
            previous_owner_count: if condition_type == "new" {
                0
            } else {
                rng.below(5)
            },
            created,
            updated,
        }
    }

    pub(super) fn make(&self) -> (u64, &'static str) {
        MAKES
            .get(self.make_index)
            .map(|m| (m.0, m.1))
            .unwrap_or((0, ""))
    }

    pub(super) fn model(&self) -> (u64, &'static str) {
        let name = MAKES
            .get(self.make_index)
            .and_then(|m| m.2.get(self.model_index))
            .copied()
            .unwrap_or("");
        (model_id(self.make_index, self.model_index), name)
    }

    pub(super) fn description(&self) -> String {
        format!(
            "{} {} {} — gepflegter Zustand",
            self.make().1,
            self.model().1,
            self.model_version
        )
    }

    /// The value of a filter/order column.
    pub(super) fn column(&self, name: &str) -> Option<Val> {
        use Val::*;
        let num = |n: u64| Num(Decimal::from(n));
        Some(match name {
            "created" => Dt(self.created),
            "updated" => Dt(self.updated),
            "makeId" => num(self.make().0),
            "makeName" => Text(self.make().1.to_owned()),
            "modelId" => num(self.model().0),
            "modelName" => Text(self.model().1.to_owned()),
            "modelVersion" => Text(self.model_version.clone()),
            "vehicleState" => Text(self.vehicle_state.to_owned()),
            "firstRegistration" => Day(self.first_registration),
            "constructionDate" => Day(self.construction_date),
            "kilometers" => num(self.kilometers),
            "vehicleTypeId" => num(self.vehicle_type_id),
            "trimLine" => Text(
                self.model_version
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            ),
            "modelRange" => Text(self.model().1.to_owned()),
            "climatisationType" => Text(self.climatisation_type.to_owned()),
            "conditionType" => Text(self.condition_type.to_owned()),
            "powerKw" => num(self.power_kw),
            "cubicCapacity" => num(self.cubic_capacity),
            "doorCount" => num(self.door_count),
            "seatCount" => num(self.seat_count),
            "pollutionBadge" => num(self.pollution_badge),
            "colorId" => num(self.color_id),
            "isMetallicColor" => Flag(self.is_metallic_color),
            "airbagType" => Text(self.airbag_type.to_owned()),
            "interiorType" => Text(self.interior_type.to_owned()),
            "interiorColorId" => num(self.interior_color_id),
            "fuelType" => Text(self.fuel_type.to_owned()),
            "fuelDetailType" => Text(self.fuel_detail_type.to_owned()),
            "transmissionType" => Text(self.transmission_type.to_owned()),
            "isDamaged" => Flag(self.is_damaged),
            "hadAccidentDamage" => Flag(self.had_accident_damage),
            "isDrivable" => Flag(!self.is_damaged),
            "hasFullServiceHistory" => Flag(self.has_full_service_history),
            "cylinders" => num(self.cylinders),
            "price" => Num(self.price),
            "isPluginHybrid" => Flag(self.is_plugin_hybrid),
            "isE10Enabled" => Flag(self.is_e10_enabled),
            "driveType" => Text(self.drive_type.to_owned()),
            "previousOwnerCount" => num(self.previous_owner_count),
            _ => return None,
        })
    }

    pub(super) fn matches_search(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        [
            self.make().1.to_owned(),
            self.model().1.to_owned(),
            self.model_version.clone(),
            self.description(),
            self.selling_id.clone(),
            self.internal_id.clone(),
        ]
        .iter()
        .any(|h| h.to_lowercase().contains(&needle))
    }

    pub(super) fn to_json(&self, lang: Lang) -> Value {
        let t = |field: &str, key: &str| json!({"key": key, "text": text(lang, field, key)});
        let tn = |field: &str, key: u64| json!({"key": key, "text": text(lang, field, &key.to_string())});
        let price = self.price;
        let mut first = json!({
            "sellingId": self.selling_id,
            "internalId": self.internal_id,
            "branchId": 12345,
            "makeId": self.make().0,
            "makeName": self.make().1,
            "modelId": self.model().0,
            "modelName": self.model().1,
            "modelVersion": self.model_version,
            "trimLine": self.model_version.split(' ').next().unwrap_or(""),
            "modelRange": self.model().1,
            "constructionDate": self.construction_date.to_string(),
            "sourceType": "leasingReturn",
            "vehicleState": t("vehicleState", self.vehicle_state),
            "description": self.description(),
            "firstRegistration": self.first_registration.to_string(),
            "kilometers": self.kilometers,
            "vehicleTypeId": tn("vehicleTypeId", self.vehicle_type_id),
            "climatisationType": t("climatisationType", self.climatisation_type),
            "conditionType": t("conditionType", self.condition_type),
            "vin": format!("WF0XXXGCDX{:07}", self.internal_id.len() * 1000 + self.kilometers as usize % 1000),
            "powerKw": self.power_kw,
            "cubicCapacity": self.cubic_capacity,
            "doorCount": self.door_count,
            "seatCount": self.seat_count,
            "pollutionBadge": tn("pollutionBadge", self.pollution_badge),
            "emissionClass": tn("emissionClass", 9),
            "colorId": tn("colorId", self.color_id),
            "manufacturerColorName": "Sandbox-Blau",
            "isMetallicColor": self.is_metallic_color,
            "airbagType": t("airbagType", self.airbag_type),
            "interiorType": t("interiorType", self.interior_type),
            "interiorColorId": tn("colorId", self.interior_color_id),
            "fuelType": t("fuelType", self.fuel_type),
            "fuelDetailType": t("fuelDetailType", self.fuel_detail_type),
            "transmissionType": t("transmissionType", self.transmission_type),
            "isDamaged": self.is_damaged,
            "hadAccidentDamage": self.had_accident_damage,
            "isDrivable": !self.is_damaged,
            "nextInspection": format!("{}-{:02}", self.created.year() + 1, self.first_registration.month()),
            "isInspectionNew": false,
            "lastService": self.updated.date().to_string(),
            "hasFullServiceHistory": self.has_full_service_history,
        });
        let second = json!({
            "tyreType": t("tyreType", "allSeasonTyres"),
            "tyreBrand": "Sandbox Tyres",
            "tyreTreadL": 5.5,
            "tyreTreadR": "5.5",
            "tyreTreadBL": 4.8,
            "tyreTreadBR": "4.8",
            "warrantyExpiry": "2026-12-31",
            "tsn": "ADF",
            "hsn": 8566,
            "gears": 6,
            "cylinders": self.cylinders,
            "countryId": "DE",
            "deliveryDate": "2025-01-15",
            "deliveryPeriod": "sofort",
            "isNonSmoker": true,
            "particulateFilter": true,
            "isBioDieselSuitable": false,
            "isVegetableOilSuitable": false,
            "isPluginHybrid": self.is_plugin_hybrid,
            "isE10Enabled": self.is_e10_enabled,
            "weight": 1300,
            "hasSparewheel": false,
            "driveType": t("driveType", self.drive_type),
            "created": forecourt_core::serde_helpers::datetime::format_datetime(&self.created),
            "updated": forecourt_core::serde_helpers::datetime::format_datetime(&self.updated),
            "previousOwnerCount": self.previous_owner_count,
            "isWarrantyGranted": true,
            "isNetPrice": "NO",
            "isPriceNegotiable": "NO",
            "dealerPrice": raw_number(price),
            "equipment": [],
            "damages": "array",
            "documents": [],
            "ads": "array",
            "priceExport": raw_number(price),
            "recommendedRetailPrice": raw_number(price + Decimal::from(2000)),
            "priceYard": raw_number(price),
            "priceOverpass": raw_number(price),
            "slidingDoor": t("slidingDoor", "slidingDoorBoth"),
            "emissionsCombinedCo2Class": "C",
            "emissionsDischargedCo2Class": "C",
            "co2EmissionCombined": 120,
            "consumptionFuelCombined": 5.1,
            "energieCostFuelPrice": 1.75,
            "energieCostTax": 150
        });
        if let (Value::Object(a), Value::Object(b)) = (&mut first, second) {
            a.extend(b);
        }
        first
    }
}

/// A JSON number with the decimal's exact digits.
pub(super) fn raw_number(d: Decimal) -> Value {
    serde_json::from_str(&d.to_string()).unwrap_or(Value::Null)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    De,
    En,
}

pub(super) fn text(lang: Lang, field: &str, key: &str) -> String {
    let pair: Option<(&str, &str)> = match (field, key) {
        ("vehicleState", "incoming") => Some(("Im Zulauf", "Incoming")),
        ("vehicleState", "inventory") => Some(("Im Bestand", "In stock")),
        ("vehicleState", "sold") => Some(("Verkauft", "Sold")),
        ("conditionType", "new") => Some(("Neu", "New")),
        ("conditionType", "used") => Some(("Gebraucht", "Used")),
        ("conditionType", "demonstration") => Some(("Vorführwagen", "Demonstration car")),
        ("conditionType", "employeesCar") => Some(("Jahreswagen", "Employee's car")),
        ("fuelType", "gasoline") => Some(("Benzin", "Gasoline")),
        ("fuelType", "diesel") => Some(("Diesel", "Diesel")),
        ("fuelType", "electric") => Some(("Elektro", "Electric")),
        ("fuelType", "electricGasoline") => {
            Some(("Hybrid (Benzin/Elektro)", "Hybrid (gasoline/electric)"))
        }
        ("transmissionType", "automatic") => Some(("Automatik", "Automatic")),
        ("transmissionType", "manual") => Some(("Schaltgetriebe", "Manual")),
        ("transmissionType", "semiAutomatic") => Some(("Halbautomatik", "Semi-automatic")),
        ("driveType", "front") => Some(("Frontantrieb", "Front-wheel drive")),
        ("driveType", "rear") => Some(("Heckantrieb", "Rear-wheel drive")),
        ("driveType", "all") => Some(("Allrad", "All-wheel drive")),
        ("tyreType", "allSeasonTyres") => Some(("Ganzjahresreifen", "All-season tyres")),
        ("slidingDoor", "slidingDoorBoth") => Some(("Schiebetüren", "Sliding doors")),
        ("colorId", "7") => Some(("Blau", "Blue")),
        ("colorId", "1") => Some(("Schwarz", "Black")),
        ("colorId", "2") => Some(("Weiß", "White")),
        ("vehicleTypeId", "6") => Some(("Limousine", "Saloon")),
        _ => None,
    };
    match (pair, lang) {
        (Some((de, _)), Lang::De) => de.to_owned(),
        (Some((_, en)), Lang::En) => en.to_owned(),
        (None, _) => key.to_owned(),
    }
}

/// A column value, for filtering and ordering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Val {
    Num(Decimal),
    Text(String),
    Day(Date),
    Dt(DateTime),
    Flag(bool),
}

impl Val {
    /// Parses a filter value as the same kind as `self`.
    pub(super) fn parse_like(&self, text: &str) -> Option<Val> {
        Some(match self {
            Val::Num(_) => Val::Num(text.trim().parse().ok()?),
            Val::Text(_) => Val::Text(text.to_owned()),
            Val::Day(_) => Val::Day(text.trim().parse().ok()?),
            Val::Dt(_) => Val::Dt(
                forecourt_core::serde_helpers::datetime::parse_datetime(text)
                    .ok()
                    .or_else(|| text.trim().parse::<Date>().ok().map(|d| d.at(0, 0, 0, 0)))?,
            ),
            Val::Flag(_) => Val::Flag(match text.trim() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return None,
            }),
        })
    }

    pub(super) fn compare(&self, other: &Val) -> std::cmp::Ordering {
        match (self, other) {
            (Val::Text(a), Val::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
            _ => self.cmp(other),
        }
    }
}
