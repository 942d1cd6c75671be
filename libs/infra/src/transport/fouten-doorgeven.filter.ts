import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's own filter for message handlers replaces every error by "Internal server error"; the
 * consumer needs the error as it was thrown, to tell infrastructure trouble (retry) from a message
 * that can never be handled (dead-letter topic at once), and to give the dead letter its reason.
 * HTTP errors go on to Nest's usual handling.
 */
@Catch()
export class BerichtFoutDoorgeven extends BaseExceptionFilter implements ExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
