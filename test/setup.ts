import nock from "nock";

// Tests touch no network but loopback: anything else fails loudly instead of reaching the internet.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
