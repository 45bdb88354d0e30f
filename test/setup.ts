import fc from "fast-check";
import nock from "nock";

// Tests touch no network but loopback: anything else fails loudly instead of reaching the internet.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

// Property tests draw the same cases on every run, so a run's result depends on the code alone; set FC_SEED to a
// number to replay a reported failure, or to "random" to explore new cases (do that locally, not in CI).
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed === undefined ? 20_261_203 : Number(seed) });
