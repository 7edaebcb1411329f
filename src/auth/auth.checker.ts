import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../graphql/request.context';
import type { Role } from './auth.service';

/** @Authorized('editor') and friends: the role a field needs, on any field at any depth. */
export const authChecker: AuthChecker<RequestContext> = ({ context, info }, roles) => {
  context.auth.require(
    context.user,
    (roles[0] ?? 'reader') as Role,
    `${info.parentType.name}.${info.fieldName}`,
  );
  return true;
};

/** Where reads need the reader role (AUTH_READS=reader), every root query field asks for it. */
export const readAccess: MiddlewareFn<RequestContext> = ({ context, info }, next) => {
  if (context.readsNeedRole && (info.parentType.name === 'Query' || info.parentType.name === 'Mutation')) {
    context.auth.require(context.user, 'reader', `${info.parentType.name}.${info.fieldName}`);
  }
  return next();
};
