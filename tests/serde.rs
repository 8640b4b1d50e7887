//! The `serde` feature: results serialise with the fields their docs name
//! (`cargo test --features serde`; without the feature this file is empty).
#![cfg(feature = "serde")]

use asmaa::{Clusterer, Resolver, Scanner};

#[test]
fn a_match_serialises_with_its_entity_and_its_alignment() -> Result<(), asmaa::Error> {
    let m = Resolver::new()
        .resolve("غوتيريص")?
        .expect("a spelling of Guterres");
    let v = serde_json::to_value(&m).expect("a match serialises");
    assert_eq!(v["entity"]["id"], "antonio-guterres");
    assert_eq!(v["matched"], m.matched.as_str());
    // The alignment is worked out when read: serialising reads it.
    let steps = v["alignment"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), m.alignment.steps().len());
    let paid: Vec<_> = steps
        .iter()
        .filter(|s| s["cost"].as_f64().is_some_and(|c| c > 0.0))
        .map(|s| (s["op"].as_str(), s["a"].as_str(), s["b"].as_str()))
        .collect();
    assert!(!paid.is_empty(), "{v}");
    let cost = v["alignment"]["cost"].as_f64().expect("cost");
    assert!((cost - f64::from(m.alignment.cost())).abs() < 1e-6);
    Ok(())
}

#[test]
fn a_mention_serialises_with_its_shared_entity() {
    let scan = Scanner::new().scan("التقى المشير حفتر في بنغازي.");
    let m = scan
        .mentions()
        .iter()
        .find(|m| m.name == "حفتر")
        .expect("a mention of حفتر");
    let v = serde_json::to_value(m).expect("a mention serialises");
    assert_eq!(v["entity"]["id"], "khalifa-haftar");
    assert_eq!(v["surface"], "حفتر");
    assert_eq!(v["start"], m.start);
}

#[test]
fn a_cluster_serialises_with_its_members() -> Result<(), asmaa::Error> {
    let c = Clusterer::builder().anchors(false).build()?;
    let g = c.cluster(["حفتر", "حفطر", "حفتر"]);
    let cl = g.cluster_of("حفطر").expect("a cluster");
    let v = serde_json::to_value(cl).expect("a cluster serialises");
    let members = v["members"].as_array().expect("members");
    assert_eq!(members.len(), 2);
    assert_eq!(members[0]["name"], "حفتر");
    assert_eq!(members[0]["count"], 2);
    Ok(())
}
