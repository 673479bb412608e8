import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const admin = (method: string, path: string, body?: unknown) => t.json(method, `/v1/admin${path}`, { token, body });
const fieldPaths = (body: { errors: { path: string }[] }) => body.errors.map((error) => error.path);
const categoryId = async (slug: string) => (await t.container.get(Tokens.Repositories).categories.findBySlug(slug))!.id;

describe("POST /v1/admin/categories", () => {
  it("creates a root category and a child with its path", async () => {
    const root = await admin("POST", "/categories", { name: "Garden" });
    expect(root.status).toBe(201);
    expect(root.body).toEqual({
      id: expect.any(String),
      slug: "garden",
      name: "Garden",
      parentId: null,
      path: "garden",
      position: 0,
      attributeDefinitions: [],
    });
    const child = await admin("POST", "/categories", {
      name: "Garden Tools",
      slug: "tools",
      parentId: root.body.id,
      position: 2,
      attributeDefinitions: [{ name: "blade", type: "enum", values: ["steel", "carbon"], facetable: true }],
    });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ slug: "tools", parentId: root.body.id, path: "garden/tools", position: 2 });
    expect(child.body.attributeDefinitions).toEqual([{ name: "blade", type: "enum", values: ["steel", "carbon"], facetable: true }]);
    const tree = await t.json("GET", "/v1/categories/garden");
    expect(tree.body.children.map((c: { slug: string }) => c.slug)).toEqual(["tools"]);
  });

  it("refuses a slug already in the tree (409)", async () => {
    const res = await admin("POST", "/categories", { name: "Audio" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("catalog.slug_taken");
  });

  it("refuses an unknown parent, a bad slug and unknown fields (422)", async () => {
    const parent = await admin("POST", "/categories", { name: "Orphans", parentId: "no-such-category" });
    expect(parent.status).toBe(422);
    expect(fieldPaths(parent.body)).toEqual(["parentId"]);
    const slug = await admin("POST", "/categories", { name: "Bad Slug", slug: "Not A Slug" });
    expect(fieldPaths(slug.body)).toEqual(["slug"]);
    const unknown = await admin("POST", "/categories", { name: "Pathless", path: "root/hijacked" });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body)).toEqual(["path"]);
    expect(await t.container.get(Tokens.Repositories).categories.findBySlug("pathless")).toBeNull();
  });
});

describe("PATCH /v1/admin/categories/{id}", () => {
  it("renames and moves a category, recomputing the paths below it", async () => {
    const parent = await admin("POST", "/categories", { name: "Outdoor" });
    const child = await admin("POST", "/categories", { name: "Tents", parentId: parent.body.id });
    await admin("POST", "/categories", { name: "Dome Tents", parentId: child.body.id });
    const moved = await admin("PATCH", `/categories/${child.body.id}`, { name: "Shelters", parentId: await categoryId("home") });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: "Shelters", slug: "tents", path: "home/tents" });
    expect((await t.container.get(Tokens.Repositories).categories.findBySlug("dome-tents"))!.path).toBe("home/tents/dome-tents");
  });

  it("answers 404 for an unknown category, 409 for a taken slug, 422 for a move under itself", async () => {
    const parent = await admin("POST", "/categories", { name: "Kitchenware" });
    const child = await admin("POST", "/categories", { name: "Pans", parentId: parent.body.id });
    expect((await admin("PATCH", "/categories/no-such-category", { name: "X" })).status).toBe(404);
    const taken = await admin("PATCH", `/categories/${parent.body.id}`, { slug: "audio" });
    expect(taken.status).toBe(409);
    const loop = await admin("PATCH", `/categories/${parent.body.id}`, { parentId: child.body.id });
    expect(loop.status).toBe(422);
    expect(fieldPaths(loop.body)).toEqual(["parentId"]);
    expect((await admin("PATCH", `/categories/${parent.body.id}`, { id: "other" })).status).toBe(422);
  });
});

describe("DELETE /v1/admin/categories/{id}", () => {
  it("deletes a leaf (204)", async () => {
    const leaf = await admin("POST", "/categories", { name: "Doomed" });
    const res = await admin("DELETE", `/categories/${leaf.body.id}`);
    expect(res.status).toBe(204);
    expect(await t.container.get(Tokens.Repositories).categories.findById(leaf.body.id)).toBeNull();
  });

  it("refuses a category with subcategories (422) and an unknown one (404)", async () => {
    const res = await admin("DELETE", `/categories/${await categoryId("apparel")}`);
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(["categoryId"]);
    const missing = await admin("DELETE", "/categories/no-such-category");
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("category.not_found");
  });
});
