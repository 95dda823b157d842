-- AlterTable
ALTER TABLE "TranscriptEntry" ADD COLUMN "dropped" INTEGER;
