import { describe, expect, it } from "vitest";
import { UsersFileError } from "auth0/plugins/bulk";
import { usersOfFile } from "../import/users-file.js";

const encoder = new TextEncoder();

async function parse(pieces: Array<Uint8Array | string>): Promise<unknown[]> {
  const users: unknown[] = [];
  for await (const batch of usersOfFile((async function* () { yield* pieces; })())) users.push(...batch);
  return users;
}

/** The same bytes cut at every position: a user, a string, an escape or a UTF-8 character split across pieces. */
function cutEverywhere(text: string): Array<Array<Uint8Array>> {
  const bytes = encoder.encode(text);
  return Array.from({ length: bytes.length - 1 }, (_, at) => [bytes.subarray(0, at + 1), bytes.subarray(at + 1)]);
}

const users = [
  { email: "ann@example.com", name: "Zoë {curly} [square]", user_metadata: { quote: 'say "hi"\\', nested: { list: [1, { a: "}" }] } } },
  { email: "bo@example.com", name: "Bo 🙂" },
];

describe("users files", () => {
  it("reads a JSON array of users however its bytes are cut", async () => {
    const text = `\uFEFF  ${JSON.stringify(users, null, 2)}\n`;
    for (const pieces of cutEverywhere(text)) expect(await parse(pieces)).toEqual(users);
  });

  it("reads NDJSON (Auth0's export format) however its bytes are cut", async () => {
    const text = `${users.map((user) => JSON.stringify(user)).join("\n")}\n`;
    for (const pieces of cutEverywhere(text)) expect(await parse(pieces)).toEqual(users);
  });

  it("takes text pieces as well as bytes, and an empty file or an empty array as no users", async () => {
    expect(await parse(['[{"email":"a@x.io"},', '{"email":"b@x.io"}]'])).toEqual([{ email: "a@x.io" }, { email: "b@x.io" }]);
    expect(await parse([])).toEqual([]);
    expect(await parse(["  [ ]  "])).toEqual([]);
  });

  it.each([
    ['[{"email":"a@x.io"} {"email":"b@x.io"}]', /unexpected "\{"/],
    ['[{"email":"a@x.io"},]', /unexpected "\]"/],
    ['[1, 2]', /unexpected "1"/],
    ['"users"', /unexpected/],
    ['[{"email":"a@x.io"}', /not closed/],
    ['{"email":"a@x.io"', /ends inside a user object/],
    ['[{"email": nope}]', /user 1 is not valid JSON/],
    ['[{"email":"a@x.io"}] trailing', /unexpected "t"/],
  ])("refuses %s with a UsersFileError", async (text, message) => {
    const error = await parse([text]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsersFileError);
    expect((error as Error).message).toMatch(message);
  });

  it("refuses bytes that are not UTF-8", async () => {
    await expect(parse([new Uint8Array([0x5b, 0x7b, 0x22, 0xff, 0x22, 0x7d, 0x5d])])).rejects.toThrow(TypeError);
  });
});
