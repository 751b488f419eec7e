-- AlterTable
ALTER TABLE "Market" ADD COLUMN     "commissionBps" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "chargeId" TEXT,
ADD COLUMN     "commissionBps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stripeFeeCents" INTEGER;

-- CreateTable
CREATE TABLE "PayoutAccount" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ONBOARDING',
    "requirementsDue" TEXT NOT NULL DEFAULT '[]',
    "disabledReason" TEXT,
    "syncedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayoutAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StallTransfer" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "stallId" TEXT NOT NULL,
    "stripeAccountId" TEXT,
    "grossCents" INTEGER NOT NULL,
    "commissionCents" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "stripeTransferId" TEXT,
    "reversedCents" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StallTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransferReversal" (
    "id" TEXT NOT NULL,
    "transferId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "orderLineId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "stripeReversalId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TransferReversal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderDispute" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "stripeDisputeId" TEXT NOT NULL,
    "chargeId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrderDispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PayoutAccount_userId_key" ON "PayoutAccount"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutAccount_stripeAccountId_key" ON "PayoutAccount"("stripeAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "StallTransfer_stripeTransferId_key" ON "StallTransfer"("stripeTransferId");

-- CreateIndex
CREATE INDEX "StallTransfer_status_idx" ON "StallTransfer"("status");

-- CreateIndex
CREATE INDEX "StallTransfer_stallId_idx" ON "StallTransfer"("stallId");

-- CreateIndex
CREATE UNIQUE INDEX "StallTransfer_orderId_stallId_key" ON "StallTransfer"("orderId", "stallId");

-- CreateIndex
CREATE UNIQUE INDEX "TransferReversal_key_key" ON "TransferReversal"("key");

-- CreateIndex
CREATE UNIQUE INDEX "TransferReversal_stripeReversalId_key" ON "TransferReversal"("stripeReversalId");

-- CreateIndex
CREATE INDEX "TransferReversal_status_nextAttemptAt_idx" ON "TransferReversal"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "TransferReversal_transferId_idx" ON "TransferReversal"("transferId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderDispute_stripeDisputeId_key" ON "OrderDispute"("stripeDisputeId");

-- CreateIndex
CREATE INDEX "OrderDispute_orderId_idx" ON "OrderDispute"("orderId");

-- AddForeignKey
ALTER TABLE "PayoutAccount" ADD CONSTRAINT "PayoutAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StallTransfer" ADD CONSTRAINT "StallTransfer_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StallTransfer" ADD CONSTRAINT "StallTransfer_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferReversal" ADD CONSTRAINT "TransferReversal_transferId_fkey" FOREIGN KEY ("transferId") REFERENCES "StallTransfer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDispute" ADD CONSTRAINT "OrderDispute_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The commission is a rate between 0 % and 30 % (app/models/commission.ts checks it first, with a message).
ALTER TABLE "Market" ADD CONSTRAINT "Market_commissionBps_range" CHECK ("commissionBps" BETWEEN 0 AND 3000);
ALTER TABLE "Order" ADD CONSTRAINT "Order_commissionBps_range" CHECK ("commissionBps" BETWEEN 0 AND 3000);
