import { SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from "@opentelemetry/api";
import type { ClientHookable } from "auth0";
// Types only: they bring the `bulk:*` hooks into ClientHooks. Nothing of the bulk plugin is loaded.
import type { BulkProgress, BulkRun, BulkRunResult } from "auth0/plugins/bulk";
import { errorAttributes } from "./attributes.js";

/**
 * Traces bulk runs (`auth0/plugins/bulk`) from their hooks: one INTERNAL span per `importUsers`/`exportUsers` run,
 * `auth0.bulk.import` or `auth0.bulk.export`, with an event each time a job is created, a phase starts or a job
 * finishes, and the counts when the run ends. Only ids and counts are recorded: never a user. Costs nothing when the
 * bulk plugin is not used (its hooks never fire).
 */
export function traceBulkRuns(tracer: Tracer, hooks: ClientHookable): void {
  const open = new Map<string, { span: Span; phase: BulkProgress["phase"] | undefined }>();
  hooks.hook("bulk:start", ({ run }) => {
    const span = tracer.startSpan(`auth0.bulk.${run.operation}`, { kind: SpanKind.INTERNAL, attributes: runAttributes(run) });
    open.set(run.id, { span, phase: undefined });
  });
  hooks.hook("bulk:progress", ({ run, progress }) => {
    const entry = open.get(run.id);
    if (entry === undefined) return;
    if (progress.phase !== entry.phase) {
      entry.phase = progress.phase;
      entry.span.addEvent(`auth0.bulk.${progress.phase}`, progressAttributes(progress));
    }
    if (progress.phase === "uploading") entry.span.addEvent("auth0.bulk.job_created", progressAttributes(progress));
    if (progress.phase === "waiting" && progress.percentDone === 100) entry.span.addEvent("auth0.bulk.job_finished", progressAttributes(progress));
  });
  hooks.hook("bulk:end", ({ run, result, error }) => {
    const entry = open.get(run.id);
    if (entry === undefined) return;
    open.delete(run.id);
    if (result) entry.span.setAttributes(resultAttributes(result));
    if (error !== undefined) {
      entry.span.setAttributes(errorAttributes(error));
      entry.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    entry.span.end();
  });
}

function runAttributes(run: BulkRun): Attributes {
  return { "auth0.bulk.run_id": run.id, ...(run.connectionId !== undefined ? { "auth0.bulk.connection_id": run.connectionId } : {}) };
}

function progressAttributes(progress: BulkProgress): Attributes {
  return {
    "auth0.bulk.done": progress.done,
    ...(progress.total !== undefined ? { "auth0.bulk.total": progress.total } : {}),
    ...(progress.chunk !== undefined ? { "auth0.bulk.chunk": progress.chunk } : {}),
    ...(progress.jobId !== undefined ? { "auth0.bulk.job_id": progress.jobId } : {}),
  };
}

function resultAttributes(result: BulkRunResult): Attributes {
  return {
    "auth0.bulk.users": result.users,
    ...(result.inserted !== undefined ? { "auth0.bulk.inserted": result.inserted } : {}),
    ...(result.updated !== undefined ? { "auth0.bulk.updated": result.updated } : {}),
    ...(result.failed !== undefined ? { "auth0.bulk.failed": result.failed } : {}),
    "auth0.bulk.jobs": result.jobIds.length,
    "auth0.bulk.aborted": result.aborted,
  };
}
