-- CreateTable
CREATE TABLE "PayoutReminder" (
    "stallId" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "sentById" TEXT NOT NULL,

    CONSTRAINT "PayoutReminder_pkey" PRIMARY KEY ("stallId")
);

-- AddForeignKey
ALTER TABLE "PayoutReminder" ADD CONSTRAINT "PayoutReminder_stallId_fkey" FOREIGN KEY ("stallId") REFERENCES "Stall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

