//! Data parallelism on std threads: the crate's few embarrassingly parallel
//! loops (normalising and scoring many names) split over the cores.

/// `f` over `items` cut in one chunk per core (when there are at least
/// `min` items), results concatenated in order: the same result as one call.
pub(crate) fn par_map<T: Sync, U: Send>(
    items: &[T],
    min: usize,
    f: impl Fn(&[T]) -> Vec<U> + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < min {
        return f(items);
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| scope.spawn(move || f(c)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
