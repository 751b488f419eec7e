-- AlterTable
ALTER TABLE "OrderRefund" ADD COLUMN "paymentIntentId" TEXT;

-- CreateIndex
CREATE INDEX "OrderRefund_paymentIntentId_idx" ON "OrderRefund"("paymentIntentId");
