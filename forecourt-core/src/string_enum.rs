//! [`string_enum!`](crate::string_enum): the vendors' string enums, with
//! every unknown value kept.

/// Declares a string enum: the documented values as variants, anything else
/// kept in `Unknown(String)` exactly as sent, so a vendor adding a value
/// breaks no user.
///
/// The enum gets `#[non_exhaustive]`, `Clone, Debug, PartialEq, Eq, Hash,
/// PartialOrd, Ord`, `ALL` (the documented values in order), `as_str()`,
/// `From<&str>`, `FromStr`, `Display`, and serde as the vendor's spelling.
/// Decoding matches exactly first, then trimmed and without regard to
/// ASCII case.
///
/// ```
/// forecourt_core::string_enum! {
///     /// A loan's status.
///     pub enum LoanStatus {
///         /// Waiting for documents.
///         AwaitingPaperwork => "awaiting_paperwork",
///         /// Paid out.
///         Funded => "funded",
///     }
/// }
/// let s: LoanStatus = serde_json::from_str("\"funded\"").unwrap();
/// assert_eq!(s, LoanStatus::Funded);
/// let new: LoanStatus = serde_json::from_str("\"on_hold\"").unwrap();
/// assert_eq!(new, LoanStatus::Unknown("on_hold".into()));
/// assert_eq!(serde_json::to_string(&new).unwrap(), "\"on_hold\"");
/// assert_eq!(LoanStatus::from("FUNDED"), LoanStatus::Funded);
/// assert_eq!(LoanStatus::ALL.len(), 2);
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know, exactly as sent.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every documented value, in the documentation's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The value as the vendor spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Whether the value is one this SDK knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $( $text => return $name::$variant, )+
                    _ => {}
                }
                let trimmed = text.trim();
                $( if trimmed.eq_ignore_ascii_case($text) { return $name::$variant; } )+
                $name::Unknown(text.to_owned())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok($name::from(text))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                // Lent as a `&str` (serde's `Cow<str>` always allocates): a
                // documented value needs no allocation.
                $crate::serde_helpers::from_str_with(d, |text| {
                    Ok::<_, ::std::convert::Infallible>($name::from(text))
                })
            }
        }
    };
}
