import type { SearchDocument } from "@emporium/domain";

const CATEGORIES: Record<string, { path: string; name: string }> = {
  audio: { path: "electronics/audio", name: "Audio" },
  computers: { path: "electronics/computers", name: "Computers" },
  tv: { path: "electronics/tv", name: "Televisions" },
  tops: { path: "apparel/tops", name: "Tops" },
  shoes: { path: "apparel/shoes", name: "Shoes" },
  furniture: { path: "home/furniture", name: "Furniture" },
  kitchen: { path: "home/kitchen", name: "Kitchen" },
  sale: { path: "sale", name: "Sale" },
};

export interface Spec {
  id: string;
  name: string;
  brand: string;
  categories: string[];
  description?: string;
  attributes?: Record<string, string>;
  /** One default variant at this price, or the listed variants. */
  price?: number;
  stock?: number;
  variants?: { options: Record<string, string>; price: number; stock: number }[];
  featured?: boolean;
  rating?: number;
  sales?: number;
  day?: number;
}

/** The search document of a spec, folded as toSearchDocument would. */
export function documentFor(spec: Spec): SearchDocument {
  const variants = (spec.variants ?? [{ options: {}, price: spec.price ?? 1000, stock: spec.stock ?? 10 }]).map((variant, index) => ({
    sku: `${spec.id}-${index}`,
    options: variant.options,
    price: variant.price,
    inStock: variant.stock > 0,
  }));
  const categories = spec.categories.map((id) => CATEGORIES[id]!);
  const prices = variants.map((variant) => variant.price);
  return {
    productId: spec.id,
    slug: spec.id,
    name: spec.name,
    description: spec.description ?? "",
    brand: spec.brand,
    categoryIds: spec.categories,
    categoryNames: categories.map((category) => category.name),
    categoryPaths: categories.map((category) => category.path),
    attributes: spec.attributes ?? {},
    variants,
    minPrice: Math.min(...prices),
    maxPrice: Math.max(...prices),
    inStock: variants.some((variant) => variant.inStock),
    featured: spec.featured ?? false,
    rating: spec.rating ?? 0,
    salesCount: spec.sales ?? 0,
    createdAt: new Date(Date.UTC(2030, 0, spec.day ?? 1)),
  };
}

/** Twenty products across categories, with sizes and colours, stock-outs, ratings and sales, for behaviour tests. */
export const CATALOGUE: Spec[] = [
  {
    id: "p01",
    name: "Studio Headphones",
    brand: "Sonora",
    categories: ["audio"],
    price: 8999,
    featured: true,
    rating: 4.6,
    sales: 120,
    day: 3,
    description: "Over-ear wireless headphones with active noise cancelling.",
  },
  {
    id: "p02",
    name: "Travel Headset",
    brand: "Sonora",
    categories: ["audio"],
    price: 4999,
    rating: 4.1,
    sales: 40,
    day: 4,
    description: "A light headset with a boom microphone for calls on the go.",
  },
  {
    id: "p03",
    name: "Budget Headphones",
    brand: "Acme",
    categories: ["audio"],
    price: 1999,
    stock: 0,
    rating: 3.2,
    sales: 300,
    day: 5,
    description: "Wired on-ear headphones for everyday listening.",
  },
  {
    id: "p04",
    name: "Bluetooth Speaker Mini",
    brand: "Sonora",
    categories: ["audio"],
    price: 2999,
    rating: 4.3,
    sales: 80,
    day: 6,
    description: "Pocket-sized wireless speaker, ten hours of play.",
  },
  {
    id: "p05",
    name: "Bluetooth Speaker Max",
    brand: "Boomr",
    categories: ["audio"],
    price: 12999,
    rating: 4.8,
    sales: 60,
    day: 7,
    description: "Room-filling wireless speaker with deep bass.",
  },
  {
    id: "p06",
    name: "Portable Radio",
    brand: "Acme",
    categories: ["audio"],
    price: 3999,
    rating: 3.9,
    day: 8,
    description: "FM and DAB radio with a hand crank.",
  },
  {
    id: "p07",
    name: "Ultrabook Laptop 14",
    brand: "Compute Co",
    categories: ["computers"],
    price: 89999,
    rating: 4.5,
    sales: 25,
    day: 9,
    description: "A thin and light laptop with all-day battery.",
  },
  {
    id: "p08",
    name: "Gaming Laptop 17",
    brand: "Compute Co",
    categories: ["computers"],
    price: 149999,
    stock: 0,
    rating: 4.7,
    sales: 30,
    day: 10,
    description: "A powerful laptop for games and video editing.",
  },
  {
    id: "p09",
    name: "Wireless Mouse",
    brand: "Acme",
    categories: ["computers"],
    price: 1999,
    rating: 4.0,
    sales: 500,
    day: 11,
    description: "Quiet clicks, two-year battery.",
  },
  {
    id: "p10",
    name: "4K Smart Television 55",
    brand: "Visio",
    categories: ["tv"],
    price: 59999,
    rating: 4.2,
    day: 12,
    description: "A 55 inch smart screen with HDR.",
  },
  {
    id: "p11",
    name: "Classic T-Shirt",
    brand: "Threadly",
    categories: ["tops"],
    attributes: { material: "cotton" },
    rating: 4.4,
    sales: 200,
    day: 13,
    description: "Soft everyday shirt.",
    variants: [
      { options: { size: "S", colour: "blue" }, price: 1999, stock: 5 },
      { options: { size: "M", colour: "blue" }, price: 1999, stock: 5 },
      { options: { size: "M", colour: "red" }, price: 1999, stock: 0 },
      { options: { size: "L", colour: "red" }, price: 2199, stock: 5 },
    ],
  },
  {
    id: "p12",
    name: "Organic Cotton Tee",
    brand: "Threadly",
    categories: ["tops", "sale"],
    attributes: { material: "organic cotton" },
    rating: 4.0,
    day: 14,
    description: "Grown without pesticides.",
    variants: [
      { options: { size: "M", colour: "blue" }, price: 2499, stock: 0 },
      { options: { size: "M", colour: "green" }, price: 2499, stock: 3 },
      { options: { size: "L", colour: "blue" }, price: 2499, stock: 3 },
    ],
  },
  {
    id: "p13",
    name: "Graphic Tee",
    brand: "Acme",
    categories: ["tops"],
    attributes: { material: "cotton" },
    rating: 3.5,
    day: 15,
    description: "Bold print on the front.",
    variants: [
      { options: { size: "M", colour: "red" }, price: 1499, stock: 4 },
      { options: { size: "L", colour: "blue" }, price: 1499, stock: 4 },
    ],
  },
  {
    id: "p14",
    name: "Running Sneakers",
    brand: "Stride",
    categories: ["shoes"],
    rating: 4.5,
    sales: 90,
    day: 16,
    description: "Cushioned soles for long runs.",
    variants: [
      { options: { size: "42", colour: "white" }, price: 7999, stock: 2 },
      { options: { size: "43", colour: "white" }, price: 7999, stock: 2 },
    ],
  },
  {
    id: "p15",
    name: "Leather Boots",
    brand: "Stride",
    categories: ["shoes"],
    price: 15999,
    rating: 4.1,
    day: 17,
    description: "Waterproof leather, resoled for life.",
  },
  {
    id: "p16",
    name: "Velvet Sofa",
    brand: "Homely",
    categories: ["furniture"],
    price: 79999,
    rating: 4.9,
    day: 18,
    description: "Three seats of deep velvet.",
  },
  {
    id: "p17",
    name: "Oak Coffee Table",
    brand: "Homely",
    categories: ["furniture"],
    price: 24999,
    rating: 4.3,
    day: 19,
    description: "Solid oak, oiled by hand.",
  },
  {
    id: "p18",
    name: "Crème Brûlée Torch",
    brand: "Acme",
    categories: ["kitchen"],
    price: 2999,
    rating: 4.0,
    day: 20,
    description: "Caramelise sugar like a pastry chef.",
  },
  {
    id: "p19",
    name: "Zip Hoodie",
    brand: "Threadly",
    categories: ["tops"],
    attributes: { material: "fleece" },
    price: 3999,
    stock: 0,
    day: 21,
    description: "Warm fleece with a full zip.",
  },
  {
    id: "p20",
    name: "Notebook Sleeve 14",
    brand: "Compute Co",
    categories: ["computers"],
    price: 2200,
    day: 22,
    description: "Padded felt sleeve for 14 inch computers.",
  },
];
