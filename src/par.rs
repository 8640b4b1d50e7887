//! Data parallelism on std threads: the crate's few embarrassingly parallel
//! loops (normalising and scoring many names) split over the cores, and its
//! large sorts.

/// The cores to use (up to 8) for `n` items, or `None` for one thread: a
/// single core, or fewer than `min` items.
fn threads_for(n: usize, min: usize) -> Option<usize> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    (threads >= 2 && n >= min).then_some(threads)
}

/// `f` over `items` cut in one chunk per core (when there are at least
/// `min` items), results concatenated in order: the same result as one call.
pub(crate) fn par_map<T: Sync, U: Send>(
    items: &[T],
    min: usize,
    f: impl Fn(&[T]) -> Vec<U> + Sync,
) -> Vec<U> {
    let Some(threads) = threads_for(items.len(), min) else {
        return f(items);
    };
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| scope.spawn(move || f(c)))
            .collect();
        let parts: Vec<Vec<U>> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        concat(parts)
    })
}

/// The vectors one after another. The first one's buffer is grown in
/// place to hold them all (a large buffer is remapped, not copied), so
/// that only the others' items are copied into fresh memory: at a million
/// names, the page faults of fresh memory are a good part of the time.
pub(crate) fn concat<U>(parts: Vec<Vec<U>>) -> Vec<U> {
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut parts = parts.into_iter();
    let mut out = parts.next().unwrap_or_default();
    out.reserve_exact(total - out.len());
    for mut p in parts {
        out.append(&mut p);
    }
    out
}

/// Items as `produce` emits them, and `f` of each batch of `batch` items
/// (the last one maybe shorter), both in order: `f` runs on another core
/// while `produce` is still producing (reading a file, say), and at the
/// end on both.
///
/// Nothing runs in parallel before the first full batch, nor on one core.
/// If `produce` fails, its error is returned once the other core has
/// finished the batches it was given.
pub(crate) fn pipelined<T: Send, U: Send, E>(
    batch: usize,
    f: impl Fn(&[T]) -> U + Sync,
    produce: impl FnOnce(&mut dyn FnMut(T)) -> Result<(), E>,
) -> Result<(Vec<T>, Vec<U>), E> {
    use std::sync::{Mutex, mpsc};
    type Done<T, U> = mpsc::Sender<(usize, Vec<T>, U)>;
    let batch = batch.max(1);
    let two = threads_for(usize::MAX, 0).is_some();
    let (jobs, queue) = mpsc::channel::<(usize, Vec<T>)>();
    let queue = Mutex::new(queue);
    let (done_tx, done) = mpsc::channel();
    // Takes batches until there are none and no sender is left.
    let work = |tx: Done<T, U>| {
        loop {
            let job = match queue.lock() {
                Ok(q) => q.recv(),
                Err(_) => return,
            };
            let Ok((i, items)) = job else { return };
            let out = f(&items);
            if tx.send((i, items, out)).is_err() {
                return;
            }
        }
    };
    let work = &work;
    std::thread::scope(|scope| {
        // Owned here: on an early return it is dropped before the scope
        // waits for the worker, whose queue then ends.
        let jobs = jobs;
        let (mut next, mut worker) = (0usize, false);
        let mut pending: Vec<T> = Vec::new();
        produce(&mut |item| {
            pending.push(item);
            if pending.len() >= batch {
                if !worker && two {
                    worker = true;
                    let tx = done_tx.clone();
                    scope.spawn(move || work(tx));
                }
                let full = std::mem::replace(&mut pending, Vec::with_capacity(batch));
                // The receiver lives until the scope ends.
                let _ = jobs.send((next, full));
                next += 1;
            }
        })?;
        if !pending.is_empty() {
            let _ = jobs.send((next, pending));
        }
        drop(jobs);
        work(done_tx);
        Ok(())
    })?;
    let mut results: Vec<(usize, Vec<T>, U)> = done.into_iter().collect();
    results.sort_unstable_by_key(|r| r.0);
    let (items, outs): (Vec<Vec<T>>, Vec<U>) = results.into_iter().map(|(_, t, u)| (t, u)).unzip();
    Ok((concat(items), outs))
}

/// `a()` and `b()`, `a` on another core when there are at least `min`
/// items of work and two cores; else one after the other.
pub(crate) fn join<A: Send, B>(
    n: usize,
    min: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if threads_for(n, min).is_none() {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        let a = a.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (a, b)
    })
}

/// [`par_map`] for items of uneven cost (queries, names): the cores take
/// small batches in turn, so a slow batch or a busy core does not leave
/// the other cores idle at the end. Results are in order, the same as one
/// call per item would give; `f` must not depend on where batches start.
pub(crate) fn par_map_balanced<T: Sync, U: Send>(
    items: &[T],
    min: usize,
    f: impl Fn(&[T]) -> Vec<U> + Sync,
) -> Vec<U> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let Some(threads) = threads_for(items.len(), min) else {
        return f(items);
    };
    // About 16 batches per core: small enough to even the cores out, large
    // enough that taking one costs nothing next to the work in it.
    let batch = items.len().div_ceil(threads * 16).max(1);
    let batches = items.len().div_ceil(batch);
    let next = AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let b = next.fetch_add(1, Ordering::Relaxed);
                        if b >= batches {
                            break;
                        }
                        let lo = b * batch;
                        let hi = (lo + batch).min(items.len());
                        out.push((b, f(&items[lo..hi])));
                    }
                    out
                })
            })
            .collect();
        let mut done: Vec<(usize, Vec<U>)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        done.sort_unstable_by_key(|d| d.0);
        done.into_iter().flat_map(|(_, v)| v).collect()
    })
}

/// Sorts `v` as `sort_unstable` does, on all cores when it has at least
/// `min` items: the slice is split by `select_nth_unstable` (O(n); at the
/// median for two cores) into one part per core, and the parts are sorted
/// at once. Equal items are indistinguishable for the types it sorts
/// (integers and tuples of them), so the result is the same as one
/// thread's. At 1M generated names, the clusterer's five sorts took 0.99 s
/// instead of 1.62 s on 2 cores.
pub(crate) fn par_sort_unstable<T: Ord + Send>(v: &mut [T], min: usize) {
    par_sort_unstable_by(v, min, &T::cmp);
}

/// [`par_sort_unstable`] by `cmp`, which must be a total order where no two
/// items are equal (break ties on an index) for the result to be the one
/// a sequential sort gives.
pub(crate) fn par_sort_unstable_by<T: Send>(
    v: &mut [T],
    min: usize,
    cmp: &(impl Fn(&T, &T) -> std::cmp::Ordering + Sync),
) {
    sort_in_parts(v, threads_for(v.len(), min).unwrap_or(1), cmp);
}

/// Sorts `v` in `parts` pieces at once: split where the first `parts / 2`
/// pieces' share ends, and recurse on both sides, one side on a new thread.
fn sort_in_parts<T: Send>(
    v: &mut [T],
    parts: usize,
    cmp: &(impl Fn(&T, &T) -> std::cmp::Ordering + Sync),
) {
    if parts < 2 || v.len() < 2 {
        v.sort_unstable_by(cmp);
        return;
    }
    let mid = (v.len() / parts * (parts / 2)).max(1);
    v.select_nth_unstable_by(mid, cmp);
    let (lo, hi) = v.split_at_mut(mid);
    std::thread::scope(|scope| {
        scope.spawn(|| sort_in_parts(lo, parts / 2, cmp));
        sort_in_parts(hi, parts - parts / 2, cmp);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_returns_both_results_in_order() {
        let v: Vec<u64> = (0..10_000).collect();
        for (n, min) in [(10, 100), (100, 10)] {
            let (a, b) = join(n, min, || v.iter().sum::<u64>(), || v.len());
            assert_eq!((a, b), (49_995_000, 10_000));
        }
    }

    #[test]
    fn parallel_sort_sorts() {
        // Many equal keys and a sorted run: the median split must still
        // leave every item on its side.
        let mut v: Vec<(u64, u32)> = (0..50_000u32)
            .map(|i| (u64::from(i.wrapping_mul(2_654_435_761) % 97), i % 13))
            .chain((0..1000).map(|i| (5, i)))
            .collect();
        let mut want = v.clone();
        want.sort_unstable();
        // However many cores: uneven splits too.
        for parts in [2, 3, 5, 8] {
            let mut w = v.clone();
            sort_in_parts(&mut w, parts, &Ord::cmp);
            assert_eq!(w, want, "{parts} parts");
        }
        par_sort_unstable(&mut v, 1);
        assert_eq!(v, want);
        let mut one = vec![3u8];
        par_sort_unstable(&mut one, 1);
        assert_eq!(one, vec![3]);
    }

    #[test]
    fn pipelined_keeps_order_and_returns_errors() {
        for n in [0usize, 1, 7, 64, 1000] {
            let (items, outs) = pipelined(
                16,
                |xs: &[usize]| xs.iter().map(|x| x * 2).collect::<Vec<_>>(),
                |emit| -> Result<(), String> {
                    (0..n).for_each(&mut *emit);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(items, (0..n).collect::<Vec<_>>());
            assert!(outs.iter().all(|b| (1..=16).contains(&b.len())));
            assert_eq!(concat(outs), (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
        let failed = pipelined(
            16,
            |xs: &[usize]| xs.len(),
            |emit| {
                (0..100).for_each(&mut *emit);
                Err("bad row")
            },
        );
        assert_eq!(failed, Err("bad row"));
    }

    #[test]
    fn balanced_map_keeps_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let out = par_map_balanced(&items, 1, |c: &[u32]| c.iter().map(|x| x * 2).collect());
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let out = par_map_balanced(&items[..3], 1, |c: &[u32]| c.to_vec());
        assert_eq!(out, vec![0, 1, 2]);
    }
}
