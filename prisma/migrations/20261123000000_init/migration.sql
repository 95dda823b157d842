-- CreateTable
CREATE TABLE "Learner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'learner',
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LabSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "labHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "currentStep" TEXT,
    "clusterId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "LabSession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabSession_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "profileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dockerEndpoint" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StepProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "hintsRevealed" INTEGER NOT NULL DEFAULT 0,
    "passedAt" DATETIME,
    CONSTRAINT "StepProgress_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GradingAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "results" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GradingAttempt_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TranscriptEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "terminal" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "command" TEXT NOT NULL,
    "exitCode" INTEGER,
    "output" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "TranscriptEntry_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Learner_tokenHash_key" ON "Learner"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "LabSession_clusterId_key" ON "LabSession"("clusterId");

-- CreateIndex
CREATE INDEX "LabSession_learnerId_createdAt_idx" ON "LabSession"("learnerId", "createdAt");

-- CreateIndex
CREATE INDEX "LabSession_status_expiresAt_idx" ON "LabSession"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE INDEX "Cluster_status_idx" ON "Cluster"("status");

-- CreateIndex
CREATE INDEX "Cluster_profileHash_status_idx" ON "Cluster"("profileHash", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StepProgress_sessionId_stepId_key" ON "StepProgress"("sessionId", "stepId");

-- CreateIndex
CREATE INDEX "GradingAttempt_sessionId_stepId_createdAt_idx" ON "GradingAttempt"("sessionId", "stepId", "createdAt");

-- CreateIndex
CREATE INDEX "TranscriptEntry_sessionId_startedAt_idx" ON "TranscriptEntry"("sessionId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TranscriptEntry_sessionId_terminal_seq_key" ON "TranscriptEntry"("sessionId", "terminal", "seq");

