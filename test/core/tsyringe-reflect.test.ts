import { container, inject, injectable } from "tsyringe";
import { describe, expect, it } from "vitest";
import { Reflect as PrivateReflect } from "../../src/internal/tsyringe-reflect.js";

// tsyringe's metadata API is a private object (not reflect-metadata on the global Reflect): what tsyringe's
// decorators call must still behave as reflect-metadata does, should the SDK ever register a decorated class.
describe("the private Reflect tsyringe is given", () => {
  it("keeps metadata per target and property, and getMetadata walks the prototype chain", () => {
    class Base {}
    class Derived extends Base {}
    PrivateReflect.defineMetadata("k", "base", Base);
    PrivateReflect.defineMetadata("k", "method", Base, "run");
    expect(PrivateReflect.getOwnMetadata("k", Base)).toBe("base");
    expect(PrivateReflect.getOwnMetadata("k", Derived)).toBeUndefined();
    expect(PrivateReflect.getMetadata("k", Derived)).toBe("base");
    expect(PrivateReflect.hasMetadata("k", Derived)).toBe(true);
    expect(PrivateReflect.hasOwnMetadata("k", Derived)).toBe(false);
    expect(PrivateReflect.getMetadata("k", Derived, "run")).toBe("method");
    expect(PrivateReflect.getMetadata("other", Derived)).toBeUndefined();
    PrivateReflect.defineMetadata("k", "derived", Derived);
    expect(PrivateReflect.getMetadata("k", Derived)).toBe("derived");
    expect(PrivateReflect.getMetadata("k", Base)).toBe("base");
  });

  it("is what tsyringe's decorators read and write: a decorated class resolves with its injected token", () => {
    class Engine {}
    class Car {
      constructor(readonly engine: Engine, readonly name: string) {}
    }
    // What a TypeScript compiler with emitDecoratorMetadata writes; esbuild and vitest do not.
    PrivateReflect.defineMetadata("design:paramtypes", [Engine, String], Car);
    inject("car-name")(Car, undefined, 1);
    injectable()(Car);
    const child = container.createChildContainer();
    child.register("car-name", { useValue: "mini" });
    const car = child.resolve(Car);
    expect(car.engine).toBeInstanceOf(Engine);
    expect(car.name).toBe("mini");
  });

  it("leaves the global Reflect without a metadata API and unchanged", () => {
    expect("getMetadata" in globalThis.Reflect).toBe(false);
    expect(PrivateReflect.ownKeys({ a: 1 })).toEqual(["a"]);
  });
});
