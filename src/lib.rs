//! placeholder
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod distance;
mod error;
mod letters;
mod normalize;
mod tsv;

pub use distance::{Alignment, MAX_DISTANCE_LETTERS, Op, Step, distance, explain, similarity};
pub use error::{DataError, Error, Result};
pub use letters::Costs;
pub use normalize::{Name, Part, normalize};
