// The package's entry points: each is bundled for ESM and CJS and gets its own rolled-up declarations and API report.
export const entries = [
  { name: "index", source: "src/index.ts", platform: "neutral", apiExtractorConfig: "api-extractor.json" },
  { name: "testing", source: "src/testing/index.ts", platform: "node", apiExtractorConfig: "api-extractor/testing.json" },
  { name: "mtls", source: "src/auth/mtls-node.ts", platform: "node", apiExtractorConfig: "api-extractor/mtls.json" },
  { name: "legacy", source: "plugins/legacy/index.ts", platform: "neutral", apiExtractorConfig: "api-extractor/legacy.json" },
  { name: "plugins-axios", source: "plugins/axios/index.ts", platform: "neutral", apiExtractorConfig: "api-extractor/plugins-axios.json" },
  { name: "plugins-otel", source: "plugins/otel/index.ts", platform: "neutral", apiExtractorConfig: "api-extractor/plugins-otel.json" },
  { name: "plugins-redis", source: "plugins/redis/index.ts", platform: "node", apiExtractorConfig: "api-extractor/plugins-redis.json" },
  { name: "plugins-bulk", source: "plugins/bulk/index.ts", platform: "neutral", apiExtractorConfig: "api-extractor/plugins-bulk.json" },
  { name: "plugins-bulk-node", source: "plugins/bulk/node/index.ts", platform: "node", apiExtractorConfig: "api-extractor/plugins-bulk-node.json" },
];
