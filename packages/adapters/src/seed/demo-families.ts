/** One kind of product the demo catalogue makes many of: where it sits, what it is called, what it costs. */
export interface DemoFamily {
  /** Prefix of its SKUs. */
  readonly code: string;
  readonly category: readonly string[];
  /** The first product of a family takes the first name as it is ("Classic Tee"); later ones add a modifier. */
  readonly names: readonly string[];
  readonly modifiers: readonly string[];
  readonly brands: readonly string[];
  /** Price range of the base variant, minor units. */
  readonly price: readonly [number, number];
  /** Option axes; variants are distinct combinations of one value per axis. */
  readonly options: Readonly<Record<string, readonly string[]>>;
  /** Extra price per option value (a bigger size, more storage), minor units. */
  readonly surcharges?: Readonly<Record<string, number>>;
  /** Attribute choices; each product picks one value per attribute. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly blurb: string;
}

const COLOURS = ["black", "white", "navy", "grey", "red", "green", "blue", "sand"];
const SIZES = ["XS", "S", "M", "L", "XL"];

export const DEMO_FAMILIES: readonly DemoFamily[] = [
  {
    code: "TEE",
    category: ["Apparel", "Tops", "T-Shirts"],
    names: ["Classic Tee", "V-Neck Tee", "Pocket Tee", "Graphic Tee", "Long Sleeve Tee", "Crew Neck T-Shirt"],
    modifiers: ["Organic", "Everyday", "Heavyweight", "Slim Fit", "Vintage Wash", "Performance"],
    brands: ["Acme", "Northwind", "Threadline"],
    price: [1499, 3999],
    options: { colour: COLOURS, size: SIZES },
    surcharges: { XL: 200 },
    attributes: { material: ["cotton", "organic cotton", "cotton blend", "linen"], fit: ["regular", "slim", "relaxed"] },
    blurb: "A wardrobe staple with a soft hand feel that keeps its shape wash after wash.",
  },
  {
    code: "HOOD",
    category: ["Apparel", "Tops", "Hoodies"],
    names: ["Zip Hoodie", "Pullover Hoodie", "Fleece Hoodie"],
    modifiers: ["Cosy", "Oversized", "Recycled", "Midweight"],
    brands: ["Northwind", "Threadline", "Summit"],
    price: [3999, 7999],
    options: { colour: COLOURS, size: SIZES },
    attributes: { material: ["cotton fleece", "recycled polyester", "cotton blend"] },
    blurb: "Brushed on the inside, roomy hood, and pockets that fit a phone.",
  },
  {
    code: "JEAN",
    category: ["Apparel", "Bottoms", "Jeans"],
    names: ["Straight Jeans", "Slim Jeans", "Relaxed Jeans"],
    modifiers: ["Stretch", "Raw Denim", "Washed", "Selvedge"],
    brands: ["Acme", "Ridgeway"],
    price: [4999, 12999],
    options: { colour: ["indigo", "black", "stone"], size: ["28", "30", "32", "34", "36"] },
    attributes: { material: ["denim", "stretch denim", "selvedge denim"], fit: ["straight", "slim", "relaxed"] },
    blurb: "Five-pocket jeans cut from sturdy denim that softens with wear.",
  },
  {
    code: "SNKR",
    category: ["Apparel", "Footwear", "Sneakers"],
    names: ["Court Sneaker", "Running Shoe", "Canvas Sneaker"],
    modifiers: ["Lightweight", "Waterproof", "Retro", "Trail"],
    brands: ["Stride", "Summit"],
    price: [5999, 14999],
    options: { colour: ["white", "black", "grey", "navy"], size: ["39", "40", "41", "42", "43", "44", "45"] },
    attributes: { material: ["leather", "canvas", "mesh", "suede"] },
    blurb: "Cushioned sole, grippy outsole and a heel that does not rub.",
  },
  {
    code: "HP",
    category: ["Audio", "Headphones"],
    names: ["Over-Ear Headphones", "Wireless Earbuds", "Noise Cancelling Headphones", "Studio Monitor Headphones"],
    modifiers: ["Pro", "Sport", "Travel", "Kids", "Premium"],
    brands: ["Sonora", "Decibel", "Aurum"],
    price: [2999, 34999],
    options: { colour: ["black", "white", "silver", "blue"] },
    attributes: { connectivity: ["bluetooth", "wired", "bluetooth + wired"], battery: ["20 h", "30 h", "40 h"] },
    blurb: "Clear highs, deep bass and ear cushions that stay comfortable for hours.",
  },
  {
    code: "SPK",
    category: ["Audio", "Speakers"],
    names: ["Bluetooth Speaker", "Smart Speaker", "Bookshelf Speakers", "Soundbar"],
    modifiers: ["Portable", "Waterproof", "Mini", "Party", "Outdoor"],
    brands: ["Boomtown", "Decibel", "Sonora"],
    price: [2999, 49999],
    options: { colour: ["black", "white", "red", "teal"] },
    attributes: { connectivity: ["bluetooth", "wifi", "bluetooth + wifi"], waterproof: ["yes", "no"] },
    blurb: "Room-filling sound from a compact body, paired in seconds.",
  },
  {
    code: "LAP",
    category: ["Computers", "Laptops"],
    names: ["Ultrabook 13 Laptop", "Gaming Laptop 15", "Workstation Laptop 16", "Chromebook 14"],
    modifiers: ["Air", "Pro", "Creator", "Student", "Business"],
    brands: ["Vertex", "Lumen", "Corebyte"],
    price: [49999, 249999],
    options: { memory: ["8 GB", "16 GB", "32 GB"], storage: ["256 GB", "512 GB", "1 TB"] },
    surcharges: { "16 GB": 10000, "32 GB": 30000, "512 GB": 8000, "1 TB": 20000 },
    attributes: { screen: ['13.3"', '14"', '15.6"', '16"'], processor: ["8-core", "10-core", "12-core"], colour: ["silver", "space grey"] },
    blurb: "A bright display, a comfortable keyboard and a battery that lasts the working day.",
  },
  {
    code: "KEY",
    category: ["Computers", "Accessories", "Keyboards"],
    names: ["Mechanical Keyboard", "Wireless Keyboard", "Compact Keyboard"],
    modifiers: ["Tenkeyless", "Low Profile", "Backlit", "Silent"],
    brands: ["Corebyte", "Keystone"],
    price: [3999, 17999],
    options: { layout: ["US", "UK", "DE"], switch: ["linear", "tactile"] },
    attributes: { connectivity: ["USB-C", "bluetooth", "2.4 GHz"] },
    blurb: "Crisp keys, a sturdy frame and a layout that stays out of the way.",
  },
  {
    code: "MOUSE",
    category: ["Computers", "Accessories", "Mice"],
    names: ["Wireless Mouse", "Ergonomic Mouse", "Gaming Mouse"],
    modifiers: ["Travel", "Vertical", "Ultralight"],
    brands: ["Corebyte", "Keystone", "Vertex"],
    price: [1999, 12999],
    options: { colour: ["black", "white", "graphite"] },
    attributes: { connectivity: ["bluetooth", "USB receiver", "wired"] },
    blurb: "Precise tracking and a shape your hand settles into.",
  },
  {
    code: "SOFA",
    category: ["Home", "Furniture", "Sofas"],
    names: ["Three-Seat Sofa", "Corner Sofa", "Loveseat", "Sofa Bed"],
    modifiers: ["Mid-Century", "Scandinavian", "Modular", "Velvet", "Chesterfield"],
    brands: ["Hearth", "Oakhaus"],
    price: [39999, 199999],
    options: { colour: ["charcoal", "oatmeal", "forest green", "rust"] },
    attributes: { material: ["linen", "velvet", "leather", "wool blend"], seats: ["2", "3", "4"] },
    blurb: "Deep seats, a solid hardwood frame and covers that come off for cleaning.",
  },
  {
    code: "CHAIR",
    category: ["Home", "Furniture", "Chairs"],
    names: ["Dining Chair", "Armchair", "Office Chair"],
    modifiers: ["Oak", "Walnut", "Swivel", "Stackable"],
    brands: ["Oakhaus", "Hearth"],
    price: [7999, 59999],
    options: { finish: ["oak", "walnut", "black"] },
    attributes: { material: ["solid oak", "walnut", "steel", "beech"] },
    blurb: "Sturdy joinery and a seat shaped for long dinners and longer meetings.",
  },
  {
    code: "PAN",
    category: ["Home", "Kitchen", "Cookware"],
    names: ["Frying Pan", "Dutch Oven", "Saucepan Set", "Wok"],
    modifiers: ["Cast Iron", "Non-Stick", "Stainless", "Carbon Steel"],
    brands: ["Ferro", "Hearth"],
    price: [2499, 24999],
    options: { size: ["20 cm", "24 cm", "28 cm"] },
    surcharges: { "28 cm": 1500 },
    attributes: { material: ["cast iron", "stainless steel", "carbon steel", "aluminium"], induction: ["yes", "no"] },
    blurb: "Even heat from edge to edge, and it goes from hob to oven.",
  },
  {
    code: "LAMP",
    category: ["Home", "Lighting", "Lamps"],
    names: ["Reading Lamp", "Floor Lamp", "Desk Lamp", "Pendant Light"],
    modifiers: ["Brass", "Arc", "Dimmable", "Minimal"],
    brands: ["Lumen", "Hearth"],
    price: [2999, 29999],
    options: { finish: ["brass", "black", "white"] },
    attributes: { material: ["brass", "steel", "glass", "ceramic"], bulb: ["E27", "integrated LED"] },
    blurb: "Warm, glare-free light exactly where you need it.",
  },
  {
    code: "YOGA",
    category: ["Sports", "Fitness", "Yoga Mats"],
    names: ["Yoga Mat", "Travel Yoga Mat", "Cork Yoga Mat"],
    modifiers: ["Non-Slip", "Extra Thick", "Eco"],
    brands: ["Summit", "Flowstate"],
    price: [1999, 8999],
    options: { colour: ["purple", "teal", "black", "natural"] },
    attributes: { material: ["natural rubber", "cork", "TPE"], thickness: ["3 mm", "5 mm", "8 mm"] },
    blurb: "Grips when you sweat, cushions your knees, rolls up small.",
  },
  {
    code: "PACK",
    category: ["Sports", "Outdoor", "Backpacks"],
    names: ["Hiking Backpack", "Daypack", "Laptop Backpack"],
    modifiers: ["Waterproof", "Ultralight", "Commuter", "Expedition"],
    brands: ["Summit", "Ridgeway"],
    price: [3999, 22999],
    options: { colour: ["black", "olive", "orange", "navy"], capacity: ["20 L", "30 L", "45 L"] },
    surcharges: { "30 L": 1000, "45 L": 3000 },
    attributes: { material: ["ripstop nylon", "recycled polyester", "waxed canvas"] },
    blurb: "Padded straps, a ventilated back and pockets for everything.",
  },
];
