import { describe, expect, it } from "vitest";
import { readAhead } from "../import/read-ahead.js";

describe("reading users files ahead", () => {
  it("asks for up to `depth` items before they are taken, and hands them out in order", async () => {
    const asked: number[] = [];
    async function* source() {
      for (let i = 0; i < 5; i++) {
        asked.push(i);
        yield i;
      }
    }
    const reader = readAhead(source(), 2);
    expect(await reader.next()).toEqual({ value: 0, done: false });
    // Taking the first made it prepare the next two.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual([0, 1, 2]);
    const rest: number[] = [];
    for await (const item of reader) rest.push(item);
    expect(rest).toEqual([1, 2, 3, 4]);
  });

  it("hands a failure to whoever takes that item, and leaves none unhandled when nobody does", async () => {
    async function* failing() {
      yield 1;
      throw new Error("the source broke");
    }
    const reader = readAhead(failing(), 3);
    expect(await reader.next()).toEqual({ value: 1, done: false });
    await expect(reader.next()).rejects.toThrow("the source broke");
    const abandoned = readAhead(failing(), 3);
    await abandoned.next();
    await abandoned.return(undefined);
  });
});
