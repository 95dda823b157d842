-- AlterTable
ALTER TABLE "LabSession" ADD COLUMN "nodeViewTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "LabSession_nodeViewTokenHash_key" ON "LabSession"("nodeViewTokenHash");
