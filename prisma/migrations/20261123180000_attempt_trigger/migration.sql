-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GradingAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "results" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL DEFAULT 'learner',
    CONSTRAINT "GradingAttempt_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_GradingAttempt" ("createdAt", "durationMs", "id", "passed", "results", "sessionId", "stepId") SELECT "createdAt", "durationMs", "id", "passed", "results", "sessionId", "stepId" FROM "GradingAttempt";
DROP TABLE "GradingAttempt";
ALTER TABLE "new_GradingAttempt" RENAME TO "GradingAttempt";
CREATE INDEX "GradingAttempt_sessionId_stepId_createdAt_idx" ON "GradingAttempt"("sessionId", "stepId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
