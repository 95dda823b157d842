-- A learner holds at most one live session per lab. The server used to ensure this by reading
-- before writing, which parallel requests slipped through; the database now refuses the second.
-- Prisma's schema cannot express a partial index, so this one lives only here (see schema.prisma).

-- Duplicates made before this migration: the newest stays live, older ones end as expired
-- (progress kept, "Fortsetzen" still offered); the start-up reconciliation deletes their clusters.
UPDATE "LabSession"
SET "status" = 'expired',
    "message" = 'Diese Sitzung wurde beendet, weil du die Übung in einer neueren Sitzung offen hast. Dein Fortschritt bleibt gespeichert.'
WHERE "status" IN ('queued', 'provisioning', 'ready')
  AND EXISTS (
    SELECT 1 FROM "LabSession" AS "newer"
    WHERE "newer"."learnerId" = "LabSession"."learnerId"
      AND "newer"."labId" = "LabSession"."labId"
      AND "newer"."status" IN ('queued', 'provisioning', 'ready')
      AND ("newer"."createdAt" > "LabSession"."createdAt"
        OR ("newer"."createdAt" = "LabSession"."createdAt" AND "newer"."id" > "LabSession"."id"))
  );

-- CreateIndex
CREATE UNIQUE INDEX "LabSession_learnerId_labId_live_key" ON "LabSession"("learnerId", "labId")
WHERE "status" IN ('queued', 'provisioning', 'ready');
