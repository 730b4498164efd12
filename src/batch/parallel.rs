//! A batch's work spread over every core natively (rayon), in order; one
//! item after another on wasm32, where the page runs one instance per Web
//! Worker instead.

/// `Sync + Send` natively, where work is shared between threads; nothing
/// on wasm32 (the page's closures hold JavaScript values, which are not).
#[cfg(not(target_arch = "wasm32"))]
pub trait Shared: Sync + Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + Send + ?Sized> Shared for T {}
#[cfg(target_arch = "wasm32")]
pub trait Shared {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> Shared for T {}

/// `f` of each index of `range`, in the range's order whatever the order
/// of the work.
#[cfg(not(target_arch = "wasm32"))]
pub fn map<T: Send>(range: std::ops::Range<usize>, f: impl Fn(usize) -> T + Shared) -> Vec<T> {
    use rayon::prelude::*;
    range.into_par_iter().map(f).collect()
}

#[cfg(target_arch = "wasm32")]
pub fn map<T>(range: std::ops::Range<usize>, f: impl Fn(usize) -> T + Shared) -> Vec<T> {
    range.map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order() {
        let squares = super::map(0..10_000, |i| i * i);
        assert!(squares.iter().enumerate().all(|(i, &s)| s == i * i));
    }
}
