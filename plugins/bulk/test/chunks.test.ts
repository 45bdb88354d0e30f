import { describe, expect, it } from "vitest";
import { chunkUsers, fingerprint, identitiesOf, utf8Length, type ImportChunk, type RefusedUser } from "../import/chunks.js";

async function cut(users: unknown[], maxFileBytes: number) {
  const refused: RefusedUser[] = [];
  const reads: Array<[number, boolean]> = [];
  const chunks: ImportChunk[] = [];
  // Batches of three: a file boundary falls inside a batch as well as between batches.
  const source = (async function* () {
    for (let at = 0; at < users.length; at += 3) yield users.slice(at, at + 3);
  })();
  for await (const chunk of chunkUsers(source, maxFileBytes, { refused: (user) => refused.push(user), read: (read, ended) => reads.push([read, ended]) })) chunks.push(chunk);
  return { chunks, refused, reads };
}

const decode = async (chunk: ImportChunk): Promise<unknown[]> => JSON.parse(await chunk.file.text()) as unknown[];

describe("cutting users into files", () => {
  it("counts serialised UTF-8 bytes, not characters: multi-byte users make smaller files", async () => {
    const ascii = Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@example.com`, name: "aaaa" }));
    const accented = Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@example.com`, name: "éééé" })); // 2 bytes each
    const emoji = Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@example.com`, name: "🙂🙂🙂🙂" })); // 4 bytes each
    const one = JSON.stringify(ascii[0]).length; // 38 bytes
    const limit = 2 + 3 * one + 2; // three ASCII users and their commas fit exactly
    expect((await cut(ascii, limit)).chunks.map((chunk) => chunk.users)).toEqual([3, 3, 3, 1]);
    expect((await cut(accented, limit)).chunks.map((chunk) => chunk.users)).toEqual([2, 2, 2, 2, 2]);
    expect((await cut(emoji, limit)).chunks.map((chunk) => chunk.users)).toEqual([2, 2, 2, 2, 2]);
    for (const users of [ascii, accented, emoji]) {
      const { chunks } = await cut(users, limit);
      for (const chunk of chunks) expect(chunk.file.size).toBeLessThanOrEqual(limit);
      expect((await Promise.all(chunks.map(decode))).flat()).toEqual(users);
    }
  });

  it("fills a file up to the exact byte limit and not one byte past it", async () => {
    const users = [{ email: "a@x.io" }, { email: "b@x.io" }];
    const exact = 2 + JSON.stringify(users[0]).length + 1 + JSON.stringify(users[1]).length;
    expect((await cut(users, exact)).chunks.map((chunk) => chunk.file.size)).toEqual([exact]);
    expect((await cut(users, exact - 1)).chunks.map((chunk) => chunk.users)).toEqual([1, 1]);
  });

  it("refuses a user that alone exceeds the limit, and anything that is not an object, without losing its place", async () => {
    const big = { email: "big@example.com", name: "x".repeat(500) };
    const { chunks, refused } = await cut([{ email: "a@x.io" }, big, "not a user", { email: "b@x.io" }, null, [1]], 200);
    expect(refused).toEqual([
      { index: 1, identity: { email: "big@example.com" }, code: "USER_TOO_LARGE", message: expect.stringContaining("a file may be at most 200") },
      { index: 2, identity: {}, code: "USER_NOT_AN_OBJECT", message: "Each user must be a JSON object" },
      { index: 4, identity: {}, code: "USER_NOT_AN_OBJECT", message: "Each user must be a JSON object" },
      { index: 5, identity: {}, code: "USER_NOT_AN_OBJECT", message: "Each user must be a JSON object" },
    ]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ index: 0, firstUser: 0, users: 2, positions: [0, 3] });
    expect(await identitiesOf(chunks[0]!)).toEqual([{ email: "a@x.io" }, { email: "b@x.io" }]);
  });

  it("keeps only identifying fields per user, never a password hash", async () => {
    const { chunks } = await cut([{ email: "a@x.io", user_id: "1", username: "a", phone_number: "+1", password_hash: "$2b$secret", user_metadata: { x: 1 } }], 1000);
    expect(await identitiesOf(chunks[0]!)).toEqual([{ email: "a@x.io", user_id: "1", username: "a", phone_number: "+1" }]);
  });

  it("gives the same files and fingerprints for the same source, and different ones when a user changes", async () => {
    const users = Array.from({ length: 50 }, (_, i) => ({ email: `u${i}@example.com` }));
    const first = await cut(users, 300);
    const again = await cut(users, 300);
    expect(again.chunks.map((chunk) => chunk.fingerprint)).toEqual(first.chunks.map((chunk) => chunk.fingerprint));
    expect(new Set(first.chunks.map((chunk) => chunk.fingerprint)).size).toBe(first.chunks.length);
    const changed = await cut(users.map((user, i) => (i === 20 ? { ...user, name: "changed" } : user)), 300);
    const differing = changed.chunks.map((chunk, i) => chunk.fingerprint !== first.chunks[i]?.fingerprint);
    expect(differing.filter(Boolean).length).toBeGreaterThan(0);
    expect(differing[0]).toBe(false);
  });

  it("reports how many users it read, and when the source ended", async () => {
    const { reads } = await cut(Array.from({ length: 7 }, (_, i) => ({ email: `u${i}@x.io` })), 50);
    expect(reads.at(-1)).toEqual([7, true]);
    expect(reads.slice(0, -1).every(([, ended]) => !ended)).toBe(true);
  });

  it("fingerprints tell texts apart that differ in one character anywhere, including the last few", () => {
    const base = JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ email: `u${i}@example.com` })));
    const seen = new Set([fingerprint(base)]);
    for (let at = 0; at < base.length; at++) seen.add(fingerprint(`${base.slice(0, at)}#${base.slice(at + 1)}`));
    for (let length = 0; length < 20; length++) seen.add(fingerprint(base.slice(0, length)));
    expect(seen.size).toBe(1 + base.length + 20);
    expect(fingerprint(base)).toBe(fingerprint(`${base}`));
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("measures UTF-8 like TextEncoder", () => {
    for (const text of ["", "ascii", "é", "€", "🙂", "a\u0000b", JSON.stringify("\ud800 lone"), "日本語テキスト"]) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});
