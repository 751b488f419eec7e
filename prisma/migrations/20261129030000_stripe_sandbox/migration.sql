-- CreateTable
CREATE TABLE "StripeSandboxObject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "status" TEXT,
    "dueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StripeSandboxIdempotency" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StripeSandboxDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "abandonedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StripeSandboxObject_type_status_dueAt_idx" ON "StripeSandboxObject"("type", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "StripeSandboxDelivery_eventId_key" ON "StripeSandboxDelivery"("eventId");

-- CreateIndex
CREATE INDEX "StripeSandboxDelivery_deliveredAt_abandonedAt_nextAttemptAt_idx" ON "StripeSandboxDelivery"("deliveredAt", "abandonedAt", "nextAttemptAt");

