import { CATALOG_CACHE_NAMESPACE, CreateCategory } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, CUSTOMER_ACTOR, CatalogShop, unwrap, unwrapErr } from "./test-support/auth-catalog-fixtures.js";

describe("CreateCategory", () => {
  let shop: CatalogShop;
  let create: CreateCategory;
  beforeEach(() => {
    shop = new CatalogShop();
    create = new CreateCategory(shop.deps);
  });

  it("derives the slug from the name and the path from the parent, with an audit entry and no event", async () => {
    const parent = unwrap(await create.execute({ actor: ADMIN, name: "Home & Garden" }));
    const version = await shop.cache.version(CATALOG_CACHE_NAMESPACE);
    const child = unwrap(await create.execute({ actor: ADMIN, name: "Crème Pots", parentId: parent.id, position: 2, requestId: "req-1" }));

    expect(parent).toMatchObject({ slug: "home-garden", path: "home-garden", parentId: null, position: 0 });
    expect(child).toMatchObject({ slug: "creme-pots", path: "home-garden/creme-pots", parentId: parent.id, position: 2 });
    expect(await shop.deps.repos.categories.findBySlug("creme-pots")).toEqual(child);
    expect(shop.audit().map((e) => [e.action, e.entityId, e.requestId])).toEqual([
      ["category.create", parent.id, null],
      ["category.create", child.id, "req-1"],
    ]);
    expect(await shop.events()).toEqual([]);
    expect(await shop.cache.version(CATALOG_CACHE_NAMESPACE)).toBe(version + 1);
  });

  it("refuses a slug used anywhere in the tree", async () => {
    const kids = unwrap(await create.execute({ actor: ADMIN, name: "Kids" }));
    unwrap(await create.execute({ actor: ADMIN, name: "Tops" }));
    expect(unwrapErr(await create.execute({ actor: ADMIN, name: "Tops", parentId: kids.id })).code).toBe("catalog.slug_taken");
    unwrap(await create.execute({ actor: ADMIN, name: "Tops", slug: "kids-tops", parentId: kids.id }));
  });

  it("names invalid fields, including an unknown parent", async () => {
    const bad = unwrapErr(await create.execute({ actor: ADMIN, name: "", slug: "Not A Slug", position: -1 }));
    expect(bad).toMatchObject({ code: "request.invalid" });
    if (bad.code !== "request.invalid") return;
    expect(bad.errors.map((e) => e.path)).toEqual(["name", "slug", "position"]);

    const orphan = unwrapErr(await create.execute({ actor: ADMIN, name: "Orphan", parentId: "missing" }));
    expect(orphan).toMatchObject({ code: "request.invalid", errors: [{ path: "parentId" }] });
    expect(shop.persistence.state.categories.size).toBe(0);
  });

  it("checks attribute definitions", async () => {
    const error = unwrapErr(
      await create.execute({
        actor: ADMIN,
        name: "Shoes",
        attributeDefinitions: [
          { name: "size", type: "enum", facetable: true },
          { name: "size", type: "text", facetable: false },
        ],
      }),
    );
    expect(error).toMatchObject({ errors: [{ path: "attributeDefinitions[0].values" }, { path: "attributeDefinitions[1].name" }] });
  });

  it("is forbidden to customers", async () => {
    expect(unwrapErr(await create.execute({ actor: CUSTOMER_ACTOR, name: "Nope" })).code).toBe("auth.forbidden");
  });
});
