//! placeholder
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod alias;
mod cluster;
mod distance;
mod error;
mod index;
mod letters;
mod lexicon;
mod normalize;
mod resolve;
mod romanize;
mod scan;
mod tsv;

pub use alias::{AliasTable, Entity, Kind, Script};
pub use cluster::{
    Cluster, Clusterer, ClustererBuilder, Clustering, Clusters, DEFAULT_CLUSTER_THRESHOLD, Member,
};
pub use distance::{Alignment, MAX_DISTANCE_LETTERS, Op, Step, distance, explain, similarity};
pub use error::{DataError, Error, Result};
pub use letters::Costs;
pub use normalize::{Name, Part, normalize};
pub use resolve::{DEFAULT_RESOLVE_THRESHOLD, MAX_NAME_CHARS, Match, Resolver, ResolverBuilder};
pub use scan::{Mention, Scan, Scanner, ScannerBuilder};
