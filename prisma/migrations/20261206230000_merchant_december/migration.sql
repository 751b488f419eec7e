-- AlterTable
ALTER TABLE "User" ADD COLUMN     "orderDigestUntil" TIMESTAMPTZ(3),
ADD COLUMN     "orderEmails" TEXT NOT NULL DEFAULT 'EACH';

-- AlterTable
ALTER TABLE "Market" ADD COLUMN     "orderCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "pickupCode" TEXT,
ADD COLUMN     "pickupSlotId" TEXT,
ADD COLUMN     "reference" TEXT;

-- Orders already placed are numbered in the order they were made, per market; their pickup
-- code is drawn from their id (the alphabet of app/models/order-number.server.ts is not needed
-- to read one back: a code is compared as typed, upper-cased).
WITH numbered AS (
  SELECT o."id", ROW_NUMBER() OVER (PARTITION BY o."marketId" ORDER BY o."createdAt", o."id") AS n
  FROM "Order" o
)
UPDATE "Order" o SET "number" = numbered.n
FROM numbered WHERE numbered."id" = o."id";
UPDATE "Order" o SET
  "reference" = UPPER(LEFT(COALESCE(NULLIF(t."name", ''), 'C'), 1)) || '-' || LPAD(o."number"::text, GREATEST(4, LENGTH(o."number"::text)), '0'),
  "pickupCode" = UPPER(SUBSTRING(MD5(o."id") FROM 1 FOR 8))
FROM "Market" m JOIN "Town" t ON t."id" = m."townId"
WHERE m."id" = o."marketId";
UPDATE "Market" m SET "orderCounter" = sub.n
FROM (SELECT "marketId", MAX("number") AS n FROM "Order" GROUP BY "marketId") sub
WHERE sub."marketId" = m."id";
ALTER TABLE "Order" ALTER COLUMN "number" SET NOT NULL,
ALTER COLUMN "pickupCode" SET NOT NULL,
ALTER COLUMN "reference" SET NOT NULL;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "collectedAt" TIMESTAMPTZ(3),
ADD COLUMN     "readyNotifiedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PickupPoint" (
    "id" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PickupPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PickupSlot" (
    "id" TEXT NOT NULL,
    "pickupPointId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PickupSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StallPickupPoint" (
    "stallId" TEXT NOT NULL,
    "pickupPointId" TEXT NOT NULL,

    CONSTRAINT "StallPickupPoint_pkey" PRIMARY KEY ("stallId","pickupPointId")
);

-- CreateTable
CREATE TABLE "OrderMessage" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "stallId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushSubscription" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformSecret" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformSecret_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PickupPoint_marketId_position_idx" ON "PickupPoint"("marketId", "position");

-- CreateIndex
CREATE INDEX "PickupSlot_pickupPointId_startsAt_idx" ON "PickupSlot"("pickupPointId", "startsAt");

-- CreateIndex
CREATE INDEX "StallPickupPoint_pickupPointId_idx" ON "StallPickupPoint"("pickupPointId");

-- CreateIndex
CREATE INDEX "OrderMessage_orderId_stallId_createdAt_idx" ON "OrderMessage"("orderId", "stallId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_userId_idx" ON "PushSubscription"("userId");

-- CreateIndex
CREATE INDEX "Order_pickupSlotId_idx" ON "Order"("pickupSlotId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_marketId_number_key" ON "Order"("marketId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Order_marketId_pickupCode_key" ON "Order"("marketId", "pickupCode");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_pickupSlotId_fkey" FOREIGN KEY ("pickupSlotId") REFERENCES "PickupSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupPoint" ADD CONSTRAINT "PickupPoint_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupSlot" ADD CONSTRAINT "PickupSlot_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StallPickupPoint" ADD CONSTRAINT "StallPickupPoint_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StallPickupPoint" ADD CONSTRAINT "StallPickupPoint_pickupPointId_fkey" FOREIGN KEY ("pickupPointId") REFERENCES "PickupPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessage" ADD CONSTRAINT "OrderMessage_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessage" ADD CONSTRAINT "OrderMessage_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderMessage" ADD CONSTRAINT "OrderMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

