-- AlterTable
ALTER TABLE "Town" ADD COLUMN     "websiteUrl" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "PageVisit" (
    "id" BIGSERIAL NOT NULL,
    "marketId" TEXT NOT NULL,
    "stallId" TEXT,
    "visitor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "device" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PageVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitSalt" (
    "timezone" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitSalt_pkey" PRIMARY KEY ("timezone","day")
);

-- CreateIndex
CREATE INDEX "PageVisit_marketId_at_idx" ON "PageVisit"("marketId", "at");

-- CreateIndex
CREATE INDEX "PageVisit_stallId_at_idx" ON "PageVisit"("stallId", "at");

-- AddForeignKey
ALTER TABLE "PageVisit" ADD CONSTRAINT "PageVisit_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageVisit" ADD CONSTRAINT "PageVisit_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

