-- AlterTable
ALTER TABLE "LabSession" ADD COLUMN "readyAt" DATETIME;
