//! A search, in one pass over a buffer, for every position where one of several *leads*
//! holds: a lead is a few bytes at fixed offsets from the position, each in a set.
//!
//! The prefilter screens for all of a subject's anchors at once with it: each anchor gives
//! leads (the first byte of its spellings, and two more bytes further on, chosen rare), and
//! only the positions where a lead holds are checked against the anchor's automaton. One pass
//! for every anchor is what makes the screen about as fast as a literal search.
//!
//! With AVX2 (detected at run time) the conditions are tested 32 positions at a time: a byte
//! compared, an ASCII letter compared in either case, "any byte ≥ 0x80", or any other set by
//! two 16-entry tables indexed by the byte's low nibble. Without it, a scalar loop tests the
//! same sets. Both report the same positions: a set too costly to test exactly is widened,
//! the same way for both (see [`Test`]), which only adds candidates.

use std::ops::ControlFlow;

/// A set of bytes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    pub(crate) fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    pub(crate) fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] >> (b & 63) & 1 == 1
    }

    pub(crate) fn union(&mut self, other: &ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }

    pub(crate) fn intersect(&mut self, other: &ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a &= b;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    pub(crate) fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=255u8).filter(|b| self.contains(*b))
    }
}

impl std::fmt::Debug for ByteSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bytes: Vec<String> = self
            .bytes()
            .map(|b| std::ascii::escape_default(b).to_string())
            .collect();
        write!(f, "{{{}}}", bytes.join(" "))
    }
}

impl FromIterator<u8> for ByteSet {
    fn from_iter<I: IntoIterator<Item = u8>>(iter: I) -> ByteSet {
        let mut set = ByteSet::default();
        iter.into_iter().for_each(|b| set.insert(b));
        set
    }
}

/// How common a byte is in the text screened, roughly (per thousand bytes of French and
/// English exports, logs and notes): what the choice of a lead's offsets minimises.
pub(crate) fn weight(b: u8) -> f32 {
    match b {
        b' ' => 150.0,
        b'e' => 100.0,
        b'a' | b'i' | b's' | b'n' | b'r' | b't' | b'u' | b'l' | b'o' => 45.0,
        b'a'..=b'z' => 10.0,
        b'0'..=b'9' => 15.0,
        b',' | b';' | b'.' | b'-' | b':' | b'"' | b'/' | b'\n' | b'\r' => 15.0,
        b'A'..=b'Z' => 5.0,
        0x80.. => 0.25,
        _ => 1.0,
    }
}

/// One condition of a lead: the byte at `offset` is in `set`.
#[derive(Debug, Clone)]
struct Test {
    offset: usize,
    set: ByteSet,
    /// Whether the vectorised loop lets every byte from 0x80 through (when the set holds
    /// ASCII bytes too, or many bytes from 0x80: such bytes are rare in what is screened, and
    /// the loop stays cheap); the exact set is checked after it.
    any_high: bool,
}

impl Test {
    fn new(offset: usize, set: &ByteSet) -> Test {
        let high = set.bytes().filter(|b| !b.is_ascii()).count();
        let ascii = set.bytes().any(|b| b.is_ascii());
        Test {
            offset,
            set: *set,
            any_high: high > 0 && (ascii || high >= 48),
        }
    }

    /// How common the bytes the test lets through are, roughly.
    fn frequency(&self) -> f32 {
        self.set.bytes().map(weight).sum()
    }
}

/// A set of byte conditions that must all hold at a position.
#[derive(Debug, Clone)]
struct Lead {
    tests: Vec<Test>,
}

impl Lead {
    fn holds(&self, haystack: &[u8], pos: usize) -> bool {
        self.tests.iter().all(|t| {
            haystack
                .get(pos + t.offset)
                .is_some_and(|b| t.set.contains(*b))
        })
    }
}

/// The tables of the vectorised loop for one offset: bit `i` of a table's byte stands for
/// bucket `i` (a lead, or a few merged when there are more than eight).
///
/// An ASCII byte passes for a bucket when the entries of its low nibble in `low` and of its
/// high nibble in `high` both have its bit (a superset of each lead's set: the product of
/// its nibbles); a byte from 0x80, when the entry of its high nibble has it (so `ḃ`'s
/// `0xE1` lets every byte from `0xE0` to `0xEF` through: such bytes are rare).
#[derive(Debug, Clone)]
struct Slot {
    offset: usize,
    low: [u8; 16],
    high: [u8; 16],
}

/// Finds the positions where one of its leads holds; see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct Finder {
    leads: Vec<Lead>,
    slots: Vec<Slot>,
    /// The largest offset tested: the vectorised loop reads that far past a block.
    reach: usize,
    /// Tests only: the AVX2 loop even where AVX-512 is available.
    force_avx2: bool,
}

/// The most offsets a lead tests, its first byte included: its first four bytes, or an
/// escape's first byte and two of its next six.
const TESTS_PER_LEAD: usize = 4;
const TESTS_PER_ESCAPE: usize = 3;

/// How far an escape's lead looks: `\uXXXX` and the byte after it.
const LEAD_REACH: usize = 7;

/// Leads one vectorised pass tells apart (bits of a byte).
const BUCKETS: usize = 8;

/// How many bytes, from offset 0, a lead whose first byte is in `first` looks at (the sets
/// past these are not needed).
pub(crate) fn reach(first: &ByteSet) -> usize {
    if first.bytes().eq([b'\\']) {
        LEAD_REACH
    } else {
        TESTS_PER_LEAD
    }
}

impl Finder {
    /// A finder for leads given as the sets their bytes must be in, offset by offset from 0
    /// (`leads[i][k]`: the set of the byte at offset `k`). Each lead tests its first byte
    /// and the other offsets whose bytes are least common, as many as it may (see
    /// [`TESTS_PER_LEAD`]).
    pub(crate) fn new(leads: &[Vec<ByteSet>]) -> Finder {
        let mut built = Vec::new();
        for sets in leads {
            let Some(first) = sets.first() else { continue };
            // NOTE: leads other than escapes test their first four bytes: every offset
            // tested costs the vectorised loop a table lookup for every byte, and bytes 1 to
            // 3 are all leads' (an escape's are `u` and hex digits, mostly 0). With three
            // bytes, a name's lead let through every `ber` of `Bernard` and `Albert`, a
            // phone's every `6 2` of other phones: 1.7 million candidates in the benchmark's
            // gigabyte, against 0.4 million with four, for a fourth of the loop's work more.
            let escape = first.bytes().eq([b'\\']);
            let reach = reach(first);
            let mut others: Vec<Test> = sets
                .iter()
                .enumerate()
                .take(reach)
                .skip(1)
                .map(|(k, set)| Test::new(k, set))
                .collect();
            // NOTE: after `\u`, the first two hex digits are almost always `00` (Latin
            // letters escaped by an ASCII-only writer): worth little as a test, whatever the
            // weights of their bytes say.
            let frequency = |t: &Test| {
                let escaped_high_digits = escape && (1..=3).contains(&t.offset);
                t.frequency() * if escaped_high_digits { 20.0 } else { 1.0 }
            };
            others.sort_by(|a, b| frequency(a).total_cmp(&frequency(b)));
            others.truncate(
                if escape {
                    TESTS_PER_ESCAPE
                } else {
                    TESTS_PER_LEAD
                } - 1,
            );
            others.sort_by_key(|t| t.offset);
            let mut tests = vec![Test::new(0, first)];
            tests.extend(others);
            built.push(Lead { tests });
        }
        // Leads testing the same offsets side by side, so that merged ones share them.
        built.sort_by_key(|l| l.tests.iter().map(|t| t.offset).collect::<Vec<_>>());
        let mut offsets: Vec<usize> = built
            .iter()
            .flat_map(|l| l.tests.iter().map(|t| t.offset))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let per_bucket = built.len().div_ceil(BUCKETS).max(1);
        // Lead `i` is in bucket `i / per_bucket`.
        let slots = offsets
            .iter()
            .map(|&offset| {
                let mut slot = Slot {
                    offset,
                    low: [0; 16],
                    high: [0; 16],
                };
                for (i, lead) in built.iter().enumerate() {
                    let bit = 1u8 << (i / per_bucket);
                    let Some(test) = lead.tests.iter().find(|t| t.offset == offset) else {
                        // A lead that does not test this offset lets every byte through.
                        slot.low
                            .iter_mut()
                            .chain(&mut slot.high)
                            .for_each(|b| *b |= bit);
                        continue;
                    };
                    if test.any_high {
                        slot.high[8..].iter_mut().for_each(|b| *b |= bit);
                    }
                    for b in test.set.bytes() {
                        if b.is_ascii() {
                            slot.low[usize::from(b & 15)] |= bit;
                        }
                        slot.high[usize::from(b >> 4)] |= bit;
                    }
                }
                slot
            })
            .collect();
        Finder {
            force_avx2: false,
            reach: offsets.last().copied().unwrap_or(0),
            leads: built,
            slots,
        }
    }

    /// How many leads share a bucket (consecutive ones).
    fn per_bucket(&self) -> usize {
        self.leads.len().div_ceil(BUCKETS).max(1)
    }

    /// Calls `found` with every position from `at` where a lead holds, in order, until it
    /// breaks.
    pub(crate) fn find(
        &self,
        haystack: &[u8],
        at: usize,
        found: &mut dyn FnMut(usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            let avx512 = std::arch::is_x86_feature_detected!("avx512bw");
            let per_bucket = self.per_bucket();
            let mut exact = |pos, buckets: u8| {
                let mut leads = self.leads.chunks(per_bucket);
                let mut holds = false;
                for bucket in 0..BUCKETS {
                    let Some(chunk) = leads.next() else { break };
                    if buckets >> bucket & 1 == 1 && chunk.iter().any(|l| l.holds(haystack, pos)) {
                        holds = true;
                        break;
                    }
                }
                if holds {
                    found(pos)
                } else {
                    ControlFlow::Continue(())
                }
            };
            let resume = if avx512 && !self.force_avx2 {
                // SAFETY: AVX-512BW is available, as just checked.
                unsafe { avx512::find(self, haystack, at, &mut exact) }?
            } else {
                at
            };
            // SAFETY: AVX2 is available, as just checked.
            let resume = unsafe { avx2::find(self, haystack, resume, &mut exact) }?;
            return self.find_scalar(haystack, resume, found);
        }
        self.find_scalar(haystack, at, found)
    }

    /// [`Finder::find`] one position at a time (without AVX2, and for a buffer's last bytes).
    pub(crate) fn find_scalar(
        &self,
        haystack: &[u8],
        at: usize,
        found: &mut dyn FnMut(usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let Some(lead) = self.leads.first() else {
            return ControlFlow::Continue(());
        };
        // Most positions fail every lead's first test: one table for them all.
        let mut first = lead.tests[0].set;
        self.leads.iter().for_each(|l| first.union(&l.tests[0].set));
        for pos in at..haystack.len() {
            if first.contains(haystack[pos]) && self.leads.iter().any(|l| l.holds(haystack, pos)) {
                found(pos)?;
            }
        }
        ControlFlow::Continue(())
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;
    use std::ops::ControlFlow;

    use super::Finder;

    /// Gives `found` every position from `at` where some bucket's tables let every tested
    /// byte through (a superset of where a lead holds), with those buckets' bits, 32
    /// positions at a time; returns
    /// where the blocks ended (the scalar loop does the rest), or the break.
    ///
    /// # Safety
    /// AVX2 must be available.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn find(
        finder: &Finder,
        haystack: &[u8],
        at: usize,
        found: &mut dyn FnMut(usize, u8) -> ControlFlow<()>,
    ) -> ControlFlow<(), usize> {
        // One loop for each number of offsets, so that the tables stay in registers.
        match finder.slots.len() {
            0 => ControlFlow::Continue(haystack.len()),
            1 => blocks::<1>(finder, haystack, at, found),
            2 => blocks::<2>(finder, haystack, at, found),
            3 => blocks::<3>(finder, haystack, at, found),
            4 => blocks::<4>(finder, haystack, at, found),
            5 => blocks::<5>(finder, haystack, at, found),
            6 => blocks::<6>(finder, haystack, at, found),
            7 => blocks::<7>(finder, haystack, at, found),
            _ => blocks::<8>(finder, haystack, at, found),
        }
    }

    /// [`find`] with `N` offsets (at most: a finder's offsets never exceed its leads'
    /// reach, eight).
    #[target_feature(enable = "avx2")]
    unsafe fn blocks<const N: usize>(
        finder: &Finder,
        haystack: &[u8],
        mut at: usize,
        found: &mut dyn FnMut(usize, u8) -> ControlFlow<()>,
    ) -> ControlFlow<(), usize> {
        debug_assert_eq!(finder.slots.len(), N);
        let nibble = _mm256_set1_epi8(0x0F);
        let zero = _mm256_setzero_si256();
        let row = |t: &[u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast()));
        let mut offsets = [0usize; N];
        let mut lows = [zero; N];
        let mut highs = [zero; N];
        for (i, slot) in finder.slots.iter().take(N).enumerate() {
            offsets[i] = slot.offset;
            lows[i] = row(&slot.low);
            highs[i] = row(&slot.high);
        }
        let end = haystack.len();
        let ptr = haystack.as_ptr();
        while at + 32 + finder.reach <= end {
            let mut all = _mm256_set1_epi8(-1);
            for i in 0..N {
                // SAFETY: `at + offset + 32 <= end`, as the loop checks.
                let x = _mm256_loadu_si256(ptr.add(at + offsets[i]).cast());
                // The shuffle reads the low nibble of each byte (and gives 0 for a byte from
                // 0x80, which passes on its high nibble just below).
                let lo = _mm256_shuffle_epi8(lows[i], x);
                let upper = _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble);
                let hi = _mm256_shuffle_epi8(highs[i], upper);
                // Bytes from 0x80 (sign bit set) pass on their high nibble alone.
                let lo = _mm256_or_si256(lo, _mm256_cmpgt_epi8(zero, x));
                all = _mm256_and_si256(all, _mm256_and_si256(lo, hi));
            }
            let none = _mm256_cmpeq_epi8(all, zero);
            let mut mask = !(_mm256_movemask_epi8(none) as u32);
            if mask != 0 {
                let mut buckets = [0u8; 32];
                _mm256_storeu_si256(buckets.as_mut_ptr().cast(), all);
                while mask != 0 {
                    let lane = mask.trailing_zeros() as usize;
                    found(at + lane, buckets[lane])?;
                    mask &= mask - 1;
                }
            }
            at += 32;
        }
        ControlFlow::Continue(at)
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;
    use std::ops::ControlFlow;

    use super::Finder;

    /// [`super::avx2::find`], 64 positions at a time.
    ///
    /// # Safety
    /// AVX-512BW must be available.
    #[target_feature(enable = "avx512bw")]
    pub(super) unsafe fn find(
        finder: &Finder,
        haystack: &[u8],
        at: usize,
        found: &mut dyn FnMut(usize, u8) -> ControlFlow<()>,
    ) -> ControlFlow<(), usize> {
        match finder.slots.len() {
            0 => ControlFlow::Continue(haystack.len()),
            1 => blocks::<1>(finder, haystack, at, found),
            2 => blocks::<2>(finder, haystack, at, found),
            3 => blocks::<3>(finder, haystack, at, found),
            4 => blocks::<4>(finder, haystack, at, found),
            5 => blocks::<5>(finder, haystack, at, found),
            6 => blocks::<6>(finder, haystack, at, found),
            7 => blocks::<7>(finder, haystack, at, found),
            _ => blocks::<8>(finder, haystack, at, found),
        }
    }

    #[target_feature(enable = "avx512bw")]
    unsafe fn blocks<const N: usize>(
        finder: &Finder,
        haystack: &[u8],
        mut at: usize,
        found: &mut dyn FnMut(usize, u8) -> ControlFlow<()>,
    ) -> ControlFlow<(), usize> {
        let nibble = _mm512_set1_epi8(0x0F);
        let ones = _mm512_set1_epi8(-1);
        let zero = _mm512_setzero_si512();
        let row = |t: &[u8; 16]| _mm512_broadcast_i32x4(_mm_loadu_si128(t.as_ptr().cast()));
        let mut offsets = [0usize; N];
        let mut lows = [zero; N];
        let mut highs = [zero; N];
        for (i, slot) in finder.slots.iter().take(N).enumerate() {
            offsets[i] = slot.offset;
            lows[i] = row(&slot.low);
            highs[i] = row(&slot.high);
        }
        let end = haystack.len();
        let ptr = haystack.as_ptr();
        while at + 64 + finder.reach <= end {
            let mut all = ones;
            for i in 0..N {
                // SAFETY: `at + offset + 64 <= end`, as the loop checks.
                let x = _mm512_loadu_si512(ptr.add(at + offsets[i]).cast());
                // The shuffle reads the low nibble of each byte (0 for a byte from 0x80).
                let lo = _mm512_shuffle_epi8(lows[i], x);
                let upper = _mm512_and_si512(_mm512_srli_epi16(x, 4), nibble);
                let hi = _mm512_shuffle_epi8(highs[i], upper);
                // Bytes from 0x80 pass on their high nibble alone.
                let lo = _mm512_mask_mov_epi8(lo, _mm512_movepi8_mask(x), ones);
                // all & lo & hi
                all = _mm512_ternarylogic_epi32(all, lo, hi, 0x80);
            }
            let mut mask = _mm512_test_epi8_mask(all, all);
            if mask != 0 {
                let mut buckets = [0u8; 64];
                _mm512_storeu_si512(buckets.as_mut_ptr().cast(), all);
                while mask != 0 {
                    let lane = mask.trailing_zeros() as usize;
                    found(at + lane, buckets[lane])?;
                    mask &= mask - 1;
                }
            }
            at += 64;
        }
        ControlFlow::Continue(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so that failures can be replayed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn positions(f: &Finder, hay: &[u8], scalar: bool) -> Vec<usize> {
        if !scalar {
            // Every vectorised loop the machine has gives the same positions.
            let mut avx2 = f.clone();
            avx2.force_avx2 = true;
            let (a, b) = (collect(f, hay, false), collect(&avx2, hay, false));
            assert_eq!(a, b, "AVX-512 and AVX2 agree on {hay:?}");
            return a;
        }
        collect(f, hay, true)
    }

    fn collect(f: &Finder, hay: &[u8], scalar: bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut push = |p| {
            out.push(p);
            ControlFlow::Continue(())
        };
        let _ = if scalar {
            f.find_scalar(hay, 0, &mut push)
        } else {
            f.find(hay, 0, &mut push)
        };
        out
    }

    /// Every position where a lead's sets all hold, by brute force over every offset asked
    /// (not only the ones the finder chose to test).
    fn naive(leads: &[Vec<ByteSet>], hay: &[u8]) -> Vec<usize> {
        (0..hay.len())
            .filter(|&p| {
                leads.iter().any(|sets| {
                    sets.iter()
                        .enumerate()
                        .all(|(k, s)| hay.get(p + k).is_some_and(|b| s.contains(*b)))
                })
            })
            .collect()
    }

    fn set(bytes: &[u8]) -> ByteSet {
        bytes.iter().copied().collect()
    }

    #[test]
    fn the_vectorised_loop_widens_only_sets_of_ascii_and_high_bytes() {
        let letters_and_high: ByteSet = b"eE".iter().copied().chain(0xC3..=0xC5).collect();
        assert!(Test::new(1, &letters_and_high).any_high);
        let leads = set(&[0xE1, 0xEF, 0xF0]);
        assert!(
            !Test::new(0, &leads).any_high,
            "a few lead bytes are tested exactly"
        );
        let continuations: ByteSet = (0x80..=0xBF).collect();
        assert!(Test::new(2, &continuations).any_high);
        let finder = Finder::new(&[vec![set(b"bB"), letters_and_high]]);
        // What the vectorised loop lets through is checked against the exact sets after it.
        let mut hay = b"b\xC3 b\xFF bE be bf".to_vec();
        hay.resize(64, b'x');
        assert_eq!(positions(&finder, &hay, false), [0, 6, 9]);
        assert_eq!(positions(&finder, &hay, true), [0, 6, 9]);
    }

    #[test]
    fn finds_what_a_naive_search_finds_over_random_buffers() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        // Bytes drawn from a small alphabet, so that leads hold often: letters in both cases,
        // UTF-8 accents, Windows-1252 bytes, escapes, digits and separators.
        let alphabet: Vec<u8> = b"bBeErRhH6 1.-\\u0\n"
            .iter()
            .copied()
            .chain([0xC3, 0xA9, 0xE9, 0xE1, 0xB8, 0x83, 0xCC, 0x81])
            .collect();
        let lead_sets = [
            vec![
                set(b"bB"),
                b"eE".iter().copied().chain(0x80..=0xFF).collect(),
                set(b"rR"),
            ],
            vec![set(b"hH"), set(b"eEbB\\")],
            vec![set(b"6"), set(b"1 .-/()+"), set(b"1 .-"), set(b"1")],
            vec![
                set(&[0xE1, 0xC3]),
                set(&[0xB8, 0xA9]),
                (0x80..=0xBF).collect(),
            ],
            vec![set(b"\\"), set(b"u"), set(b"0"), set(b"0"), set(b"e")],
            // More leads than a vectorised pass tells apart: some share a bucket.
            vec![set(b"eE"), set(b"rR")],
            vec![set(b"rR"), set(b"\xC3"), set(b"\xA9")],
            vec![set(b"\xE9"), set(b"r")],
            vec![set(b"."), set(b"-"), set(b"1")],
            vec![set(b"1"), set(b"\n")],
            vec![set(b" "), set(b"hH"), set(b"eE"), set(b"\xCC")],
        ];
        for round in 0..600 {
            let leads = &lead_sets[..1 + round % lead_sets.len()];
            let finder = Finder::new(leads);
            let tested: Vec<Vec<(usize, ByteSet)>> = finder
                .leads
                .iter()
                .map(|l| l.tests.iter().map(|t| (t.offset, t.set)).collect())
                .collect();
            let len = rng.below(if round % 10 == 0 { 2000 } else { 200 });
            let hay: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let scalar = positions(&finder, &hay, true);
            let fast = positions(&finder, &hay, false);
            assert_eq!(fast, scalar, "vectorised and scalar agree on {hay:?}");
            // Exactly the positions where the sets it tests hold…
            let direct: Vec<usize> = (0..hay.len())
                .filter(|&p| {
                    tested.iter().any(|tests| {
                        tests
                            .iter()
                            .all(|(k, s)| hay.get(p + k).is_some_and(|b| s.contains(*b)))
                    })
                })
                .collect();
            assert_eq!(scalar, direct, "{hay:?}");
            // …which include every position where the sets asked for hold.
            let expected = naive(leads, &hay);
            assert!(expected.iter().all(|p| scalar.contains(p)), "{hay:?}");
        }
    }

    #[test]
    fn finds_leads_at_both_ends_of_every_block_and_buffer() {
        let finder = Finder::new(&[vec![set(b"bB"), set(b"eE"), set(b"rR")]]);
        for len in 3..100 {
            for at in [0, len - 3, len / 2 - 1, 31.min(len - 3), 32.min(len - 3)] {
                let mut hay = vec![b'x'; len];
                hay[at..at + 3].copy_from_slice(b"bER");
                assert_eq!(positions(&finder, &hay, false), [at], "len {len}, at {at}");
            }
            // Cut short: a lead that would run past the end is not there.
            let mut hay = vec![b'x'; len];
            hay[len - 2..].copy_from_slice(b"be");
            assert!(positions(&finder, &hay, false).is_empty(), "len {len}");
        }
        assert!(positions(&finder, b"", false).is_empty());
        assert!(positions(&finder, b"b", false).is_empty());
    }

    #[test]
    fn stops_when_told_and_resumes_from_a_position() {
        let finder = Finder::new(&[vec![set(b"a"), set(b"b")]]);
        let hay = b"ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab".to_vec();
        let mut seen = Vec::new();
        let flow = finder.find(&hay, 4, &mut |p| {
            seen.push(p);
            if seen.len() == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert!(flow.is_break());
        assert_eq!(seen, [6, 9]);
    }
}
