export interface Review {
  readonly id: string;
  readonly productId: string;
  readonly customerId: string;
  readonly authorName: string;
  /** 1..5 */
  readonly rating: number;
  readonly title: string | null;
  readonly body: string;
  readonly verifiedPurchase: boolean;
  readonly hidden: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
