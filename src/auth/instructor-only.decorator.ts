import { SetMetadata } from '@nestjs/common';

export const INSTRUCTOR_ONLY = 'kubelab:instructor-only';

export const InstructorOnly = () => SetMetadata(INSTRUCTOR_ONLY, true);
