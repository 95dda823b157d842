import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kubelab:public';

/** The route needs no bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
