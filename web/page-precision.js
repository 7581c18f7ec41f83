// The module's precision tier on this page (loadActivations({ precision })):
// the faithful kernels (within 1 ULP), not the fast default (2 / 4 / 8 ULP).
// The page shows values to nine digits, compares them with exact ones in the
// float32 pitfall and quotes each function's accuracy: learners should read
// the most accurate values the module has. Speed is not what limits the page:
// its recomputes fit a frame with the faithful kernels (scripts/page-perf.mjs),
// and training is paced for watching. The training worker uses the same tier,
// so its networks are those of act.network in a faithful module.
export const PAGE_PRECISION = 'faithful';
