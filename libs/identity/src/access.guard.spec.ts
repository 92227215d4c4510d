import { Allow, Public, Role } from '@app/core';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard, OpenBeforePasswordChange } from './access.guard';
import { AuthService } from './auth.service';

class Routes {
  undeclared(): void {}
  @Public() open(): void {}
  @Allow(Role.Leader) leadersOnly(): void {}
  @Allow(Role.Leader) @OpenBeforePasswordChange() changePassword(): void {}
}

function contextFor(handler: keyof Routes, authorization?: string): ExecutionContext {
  const request = { headers: authorization ? { authorization } : {}, ip: '127.0.0.1', id: 'req-1' };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe(AccessGuard.name, () => {
  const actor = (role: Role) => ({ role, userId: 'u', bureauId: null });
  const authWith = (role: Role, mustChangePassword = false) =>
    ({
      authenticate: jest.fn().mockResolvedValue({ actor: actor(role), mustChangePassword }),
    }) as unknown as AuthService;

  it('refuses a route that declares nothing, even to a signed-in administrator', async () => {
    const guard = new AccessGuard(new Reflector(), authWith(Role.Admin));
    await expect(guard.canActivate(contextFor('undeclared', 'Bearer t'))).rejects.toMatchObject({
      code: 'ROUTE_NOT_DECLARED',
    });
  });

  it('lets anyone through a public route', async () => {
    const guard = new AccessGuard(new Reflector(), authWith(Role.Staff));
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('asks for a token, then checks the role', async () => {
    await expect(
      new AccessGuard(new Reflector(), authWith(Role.Leader)).canActivate(contextFor('leadersOnly')),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(
      new AccessGuard(new Reflector(), authWith(Role.Staff)).canActivate(contextFor('leadersOnly', 'Bearer t')),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      new AccessGuard(new Reflector(), authWith(Role.Leader)).canActivate(contextFor('leadersOnly', 'Bearer t')),
    ).resolves.toBe(true);
  });

  it('lets a user who must change the password reach only the routes open before the change', async () => {
    const guard = new AccessGuard(new Reflector(), authWith(Role.Leader, true));
    await expect(guard.canActivate(contextFor('leadersOnly', 'Bearer t'))).rejects.toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    await expect(guard.canActivate(contextFor('changePassword', 'Bearer t'))).resolves.toBe(true);
  });
});
