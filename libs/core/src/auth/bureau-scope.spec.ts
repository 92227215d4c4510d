import { DomainException } from '../errors/domain.exception';
import { assertReadsBureau, bureauCodeScopeOf, bureauScopeOf, readsBureau } from './bureau-scope';
import { Role } from './role';

const B01 = { id: '5f0c1c55-0000-4000-8000-000000000001', code: 'B01' };
const B02 = { id: '5f0c1c55-0000-4000-8000-000000000002', code: 'B02' };
const member = (role: Role, bureau: { id: string; code: string } | null) => ({
  role,
  bureauId: bureau?.id ?? null,
  bureauCode: bureau?.code ?? null,
});

describe('bureau scope', () => {
  it.each([Role.Staff, Role.BureauHead])('limits a %s to their own bureau', (role) => {
    const actor = member(role, B02);
    expect([bureauScopeOf(actor), bureauCodeScopeOf(actor)]).toEqual([B02.id, 'B02']);
    expect([readsBureau(actor, B02.id), readsBureau(actor, B01.id)]).toEqual([true, false]);
    expect(() => assertReadsBureau(actor, B02)).not.toThrow();
    let refused: unknown;
    try {
      assertReadsBureau(actor, B01);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainException);
    expect(refused).toMatchObject({
      code: 'FORBIDDEN_BUREAU',
      kind: 'forbidden',
      details: { bureau: 'B01', ownBureau: 'B02' },
    });
  });

  it.each([Role.Leader, Role.Supervisor, Role.Admin])('lets a %s read every bureau', (role) => {
    const actor = member(role, null);
    expect([bureauScopeOf(actor), bureauCodeScopeOf(actor)]).toEqual([null, null]);
    expect(() => assertReadsBureau(actor, B01)).not.toThrow();
  });

  it('gives a bureau user without a bureau nothing rather than everything', () => {
    const actor = member(Role.Staff, null);
    expect(bureauScopeOf(actor)).not.toBeNull();
    expect(bureauCodeScopeOf(actor)).toBe('');
    expect(readsBureau(actor, B01.id)).toBe(false);
  });
});
