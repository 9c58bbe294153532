//! The vendor's enumerations: [`State`] (`StateEnum`) and [`CreditType`]
//! (`CreditTypeEnum`). Both keep values this SDK does not know as
//! `Unknown(String)`, so a new vendor value never breaks decoding.

forecourt_core::string_enum! {
    /// The vendor's `StateEnum`: a US state, the District of Columbia or a
    /// US territory, as its two-letter USPS code (`TX`).
    ///
    /// ```
    /// use promotions_client::State;
    /// assert_eq!(State::Texas.as_str(), "TX");
    /// assert_eq!(State::from("tx"), State::Texas);
    /// assert_eq!(State::ALL.len(), 56);
    /// ```
    pub enum State {
        /// AL
        Alabama => "AL",
        /// AK
        Alaska => "AK",
        /// AZ
        Arizona => "AZ",
        /// AR
        Arkansas => "AR",
        /// CA
        California => "CA",
        /// CO
        Colorado => "CO",
        /// CT
        Connecticut => "CT",
        /// DE
        Delaware => "DE",
        /// FL
        Florida => "FL",
        /// GA
        Georgia => "GA",
        /// HI
        Hawaii => "HI",
        /// ID
        Idaho => "ID",
        /// IL
        Illinois => "IL",
        /// IN
        Indiana => "IN",
        /// IA
        Iowa => "IA",
        /// KS
        Kansas => "KS",
        /// KY
        Kentucky => "KY",
        /// LA
        Louisiana => "LA",
        /// ME
        Maine => "ME",
        /// MD
        Maryland => "MD",
        /// MA
        Massachusetts => "MA",
        /// MI
        Michigan => "MI",
        /// MN
        Minnesota => "MN",
        /// MS
        Mississippi => "MS",
        /// MO
        Missouri => "MO",
        /// MT
        Montana => "MT",
        /// NE
        Nebraska => "NE",
        /// NV
        Nevada => "NV",
        /// NH
        NewHampshire => "NH",
        /// NJ
        NewJersey => "NJ",
        /// NM
        NewMexico => "NM",
        /// NY
        NewYork => "NY",
        /// NC
        NorthCarolina => "NC",
        /// ND
        NorthDakota => "ND",
        /// OH
        Ohio => "OH",
        /// OK
        Oklahoma => "OK",
        /// OR
        Oregon => "OR",
        /// PA
        Pennsylvania => "PA",
        /// RI
        RhodeIsland => "RI",
        /// SC
        SouthCarolina => "SC",
        /// SD
        SouthDakota => "SD",
        /// TN
        Tennessee => "TN",
        /// TX
        Texas => "TX",
        /// UT
        Utah => "UT",
        /// VT
        Vermont => "VT",
        /// VA
        Virginia => "VA",
        /// WA
        Washington => "WA",
        /// WV
        WestVirginia => "WV",
        /// WI
        Wisconsin => "WI",
        /// WY
        Wyoming => "WY",
        /// DC
        DistrictOfColumbia => "DC",
        /// AS (territory)
        AmericanSamoa => "AS",
        /// GU (territory)
        Guam => "GU",
        /// MP (territory)
        NorthernMarianaIslands => "MP",
        /// PR (territory)
        PuertoRico => "PR",
        /// VI (territory)
        VirginIslands => "VI",
    }
}

forecourt_core::string_enum! {
    /// The vendor's `CreditTypeEnum`: who applies for the credit.
    ///
    /// Assumption: the values are not in the documentation excerpt; these
    /// are the applicant types of the vendor's application flow, serialized
    /// by name. Any other value round-trips as `Unknown`.
    ///
    /// ```
    /// use promotions_client::CreditType;
    /// assert_eq!(CreditType::Joint.as_str(), "Joint");
    /// assert_eq!(CreditType::from("Business"), CreditType::Unknown("Business".into()));
    /// ```
    pub enum CreditType {
        /// One applicant.
        Individual => "Individual",
        /// An applicant and a co-applicant.
        Joint => "Joint",
    }
}

/// The vendor's name for [`State`].
pub type StateEnum = State;
/// The vendor's name for [`CreditType`].
pub type CreditTypeEnum = CreditType;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn states_are_the_50_dc_and_territories() {
        assert_eq!(State::ALL.len(), 50 + 1 + 5);
        let mut codes: Vec<&str> = State::ALL.iter().map(State::as_str).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 56, "codes are unique");
        for s in State::ALL {
            assert_eq!(s.as_str().len(), 2);
            assert_eq!(&State::from(s.as_str()), s);
            assert_eq!(&State::from(s.as_str().to_ascii_lowercase().as_str()), s);
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(&serde_json::from_str::<State>(&json).unwrap(), s);
        }
        let unknown: State = serde_json::from_str("\"ZZ\"").unwrap();
        assert_eq!(unknown, State::Unknown("ZZ".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"ZZ\"");
        assert!(!unknown.is_known());
    }

    #[test]
    fn credit_types_round_trip() {
        for c in CreditType::ALL {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(&serde_json::from_str::<CreditType>(&json).unwrap(), c);
        }
        assert_eq!(
            serde_json::to_string(&CreditType::Individual).unwrap(),
            "\"Individual\""
        );
        let other: CreditType = serde_json::from_str("\"Business\"").unwrap();
        assert_eq!(other.as_str(), "Business");
    }
}
