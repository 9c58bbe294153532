//! The vendor's string enums: forecourt-core's [`forecourt_core::string_enum!`]
//! (documented values, `Unknown(String)`, `as_str()`, serde as the vendor's
//! spelling), plus use as a filter value.

macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        forecourt_core::string_enum! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant => $text, )+
            }
        }

        impl From<$name> for $crate::query::FilterValue {
            fn from(value: $name) -> Self {
                $crate::query::FilterValue::text(value.as_str())
            }
        }

        impl From<&$name> for $crate::query::FilterValue {
            fn from(value: &$name) -> Self {
                $crate::query::FilterValue::text(value.as_str())
            }
        }

        impl From<$name> for $crate::query::Condition {
            fn from(value: $name) -> Self {
                $crate::query::Condition::from($crate::query::FilterValue::from(value))
            }
        }
    };
}

pub(crate) use string_enum;
