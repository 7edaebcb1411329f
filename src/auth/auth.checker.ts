import type { AuthChecker } from 'type-graphql';
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
