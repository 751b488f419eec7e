-- AlterTable
ALTER TABLE "MarketState" ADD COLUMN "nextTransitionAt" DATETIME;

