import { InstellingTopics, Topics, partitionsFor } from './topics';

describe('InstellingTopics', () => {
  it('reads the BRIN back from every topic of an instelling, and from nothing else', () => {
    for (const topic of [InstellingTopics.aanlevering, InstellingTopics.terugkoppeling, InstellingTopics.bekostigingsstatus, InstellingTopics.notificatie, InstellingTopics.foto]) {
      expect(InstellingTopics.brinVan(topic('25LX'))).toBe('25LX');
    }
    expect(InstellingTopics.alle('25LX').map(InstellingTopics.brinVan)).toEqual(['25LX', '25LX', '25LX', '25LX', '25LX']);
    expect(InstellingTopics.alle('25LX')).toEqual(expect.arrayContaining([InstellingTopics.foto('25LX'), InstellingTopics.notificatie('25LX')]));
    expect(InstellingTopics.brinVan(Topics.basisset)).toBeNull();
    expect(InstellingTopics.brinVan('instelling.25LX.aanlevering.v1.dlq')).toBeNull();
    expect(InstellingTopics.brinVan('instelling.LX25.aanlevering.v1')).toBeNull();
  });

  it('knows the intake topic, which has one partition so that a batch keeps its order', () => {
    expect(InstellingTopics.isAanlevering(InstellingTopics.aanlevering('26AB'))).toBe(true);
    expect(InstellingTopics.isAanlevering(InstellingTopics.terugkoppeling('26AB'))).toBe(false);
    expect(partitionsFor(InstellingTopics.aanlevering('26AB'))).toBe(1);
    expect(partitionsFor(Topics.basisset)).toBe(3);
  });
});
