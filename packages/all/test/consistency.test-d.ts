// The type-level half of the consistency test (see consistency.test.ts): every provider's
// factory, client, adapter, resources and fake have the shapes CONTRIBUTING.md names, and each
// fake is a FakeService whose settings the factory takes.
//
// When it merges, the `@ts-expect-error` above the line becomes unused and fails the typecheck:
// delete the directive then.

import type * as C from '@hooks/circuit';
import type * as CT from '@hooks/circuit/testing';
import type { NormalizedWebhook, WebhookProvider } from '@hooks/core';
import type { FakeService } from '@hooks/core/testing';
import type * as G from '@hooks/gosquared';
import type * as GT from '@hooks/gosquared/testing';
import type * as I from '@hooks/instance';
import type * as IT from '@hooks/instance/testing';
import type * as M from '@hooks/mattermost';
import type * as MT from '@hooks/mattermost/testing';
import { describe, expectTypeOf, it } from 'vitest';

// mattermost
type MClient = M.MattermostClient;
type MSettings = M.MattermostSettings;
type MProvider = M.MattermostProvider;
type MSpec = M.MattermostSpec;
type MKind = M.MattermostKind;
type MChanges = M.MattermostChanges;
type MRaw = M.MattermostRaw;
type MNormalized = M.MattermostNormalizedWebhook;
type MFake = MT.MattermostFake;
type MFakeOptions = MT.MattermostFakeOptions;
type MFakeSeed = MT.MattermostFakeSeed;
type MFakeEvent = MT.MattermostFakeEvent;
type MFakeDelivery = MT.MattermostFakeDelivery;
type MIncomingResource = M.MattermostIncomingResource;
type MIncomingObject = M.MattermostIncomingWebhook;
type MIncomingCreateInput = M.MattermostIncomingCreateInput;
type MOutgoingResource = M.MattermostOutgoingResource;
type MOutgoingObject = M.MattermostOutgoingWebhook;
type MOutgoingCreateInput = M.MattermostOutgoingCreateInput;

describe('mattermost: the shapes of CONTRIBUTING.md', () => {
  it('factory, client, settings and adapter', () => {
    expectTypeOf<ReturnType<typeof M.createMattermost>>().toEqualTypeOf<MClient>();
    expectTypeOf<Parameters<typeof M.createMattermost>[0]>().toEqualTypeOf<MSettings>();
    expectTypeOf<ReturnType<typeof M.mattermostProvider>>().toEqualTypeOf<MProvider>();
    expectTypeOf<MProvider>().toExtend<WebhookProvider<MSpec, MRaw, MKind, MChanges>>();
    expectTypeOf<MNormalized>().toEqualTypeOf<NormalizedWebhook<MRaw, MKind>>();
  });
  it('a resource per kind, the objects and their inputs', () => {
    expectTypeOf<MClient['incoming']>().toEqualTypeOf<MIncomingResource>();
    expectTypeOf<MIncomingObject>().toExtend<MRaw>();
    expectTypeOf<MIncomingCreateInput>().toBeObject();
    expectTypeOf<MIncomingObject['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<MClient['outgoing']>().toEqualTypeOf<MOutgoingResource>();
    expectTypeOf<MOutgoingObject>().toExtend<MRaw>();
    expectTypeOf<MOutgoingCreateInput>().toBeObject();
    expectTypeOf<MOutgoingObject['createdAt']>().toEqualTypeOf<Date>();
  });
  it('the fake: a FakeService whose settings the factory takes', () => {
    expectTypeOf<MFake>().toExtend<FakeService<MSettings, MFakeSeed, MFakeEvent, MFakeDelivery, unknown>>();
    expectTypeOf<MFake['settings']>().toExtend<MSettings>();
    expectTypeOf<ReturnType<typeof MT.createMattermostFake>>().toEqualTypeOf<Promise<MFake>>();
    expectTypeOf<Parameters<typeof MT.createMattermostFake>[0]>().toEqualTypeOf<MFakeOptions | undefined>();
  });
});

// circuit
type CClient = C.CircuitClient;
type CSettings = C.CircuitSettings;
type CProvider = C.CircuitProvider;
type CSpec = C.CircuitSpec;
type CKind = C.CircuitKind;
type CChanges = C.CircuitChanges;
type CRaw = C.CircuitRaw;
type CNormalized = C.CircuitNormalizedWebhook;
type CFake = CT.CircuitFake;
type CFakeOptions = CT.CircuitFakeOptions;
type CFakeSeed = CT.CircuitFakeSeed;
type CFakeEvent = CT.CircuitFakeEvent;
type CFakeDelivery = CT.CircuitFakeDelivery;
type CWebhookResource = C.CircuitWebhookResource;
type CWebhookObject = C.CircuitWebhook;
type CWebhookCreateInput = C.CircuitWebhookCreateInput;
type CPresenceResource = C.CircuitPresenceResource;
type CPresenceObject = C.CircuitPresenceWebhook;
type CPresenceCreateInput = C.CircuitPresenceCreateInput;

describe('circuit: the shapes of CONTRIBUTING.md', () => {
  it('factory, client, settings and adapter', () => {
    expectTypeOf<ReturnType<typeof C.createCircuit>>().toEqualTypeOf<CClient>();
    expectTypeOf<Parameters<typeof C.createCircuit>[0]>().toEqualTypeOf<CSettings>();
    expectTypeOf<ReturnType<typeof C.circuitProvider>>().toEqualTypeOf<CProvider>();
    expectTypeOf<CProvider>().toExtend<WebhookProvider<CSpec, CRaw, CKind, CChanges>>();
    expectTypeOf<CNormalized>().toEqualTypeOf<NormalizedWebhook<CRaw, CKind>>();
  });
  it('a resource per kind, the objects and their inputs', () => {
    expectTypeOf<CClient['webhooks']>().toEqualTypeOf<CWebhookResource>();
    expectTypeOf<CWebhookObject>().toExtend<CRaw>();
    expectTypeOf<CWebhookCreateInput>().toBeObject();
    expectTypeOf<CWebhookObject['createdAt']>().toEqualTypeOf<Date | undefined>(); // creationTime is optional in Circuit's WebHook model;
    expectTypeOf<CClient['presence']>().toEqualTypeOf<CPresenceResource>();
    expectTypeOf<CPresenceObject>().toExtend<CRaw>();
    expectTypeOf<CPresenceCreateInput>().toBeObject();
    expectTypeOf<CPresenceObject['createdAt']>().toEqualTypeOf<Date | undefined>();
  });
  it('the fake: a FakeService whose settings the factory takes', () => {
    expectTypeOf<CFake>().toExtend<FakeService<CSettings, CFakeSeed, CFakeEvent, CFakeDelivery, unknown>>();
    expectTypeOf<CFake['settings']>().toExtend<CSettings>();
    expectTypeOf<ReturnType<typeof CT.createCircuitFake>>().toEqualTypeOf<Promise<CFake>>();
    expectTypeOf<Parameters<typeof CT.createCircuitFake>[0]>().toEqualTypeOf<CFakeOptions | undefined>();
  });
});

// gosquared
type GClient = G.GoSquaredClient;
type GSettings = G.GoSquaredSettings;
type GProvider = G.GoSquaredProvider;
type GSpec = G.GoSquaredSpec;
type GKind = G.GoSquaredKind;
type GChanges = G.GoSquaredChanges;
type GRaw = G.GoSquaredRaw;
type GNormalized = G.GoSquaredNormalizedWebhook;
type GFake = GT.GoSquaredFake;
type GFakeOptions = GT.GoSquaredFakeOptions;
type GFakeSeed = GT.GoSquaredFakeSeed;
type GFakeEvent = GT.GoSquaredFakeEvent;
type GFakeDelivery = GT.GoSquaredFakeDelivery;
type GWebhookResource = G.GoSquaredWebhookResource;
type GWebhookObject = G.GoSquaredWebhook;
type GWebhookCreateInput = G.GoSquaredWebhookCreateInput;
type GTriggerResource = G.GoSquaredTriggerResource;
type GTriggerCreateInput = G.GoSquaredTriggerCreateInput;

describe('gosquared: the shapes of CONTRIBUTING.md', () => {
  it('factory, client, settings and adapter', () => {
    expectTypeOf<ReturnType<typeof G.createGoSquared>>().toEqualTypeOf<GClient>();
    expectTypeOf<Parameters<typeof G.createGoSquared>[0]>().toEqualTypeOf<GSettings>();
    expectTypeOf<ReturnType<typeof G.goSquaredProvider>>().toEqualTypeOf<GProvider>();
    expectTypeOf<GProvider>().toExtend<WebhookProvider<GSpec, GRaw, GKind, GChanges>>();
    expectTypeOf<GNormalized>().toEqualTypeOf<NormalizedWebhook<GRaw, GKind>>();
  });
  it('a resource per kind, the objects and their inputs', () => {
    expectTypeOf<GClient['webhooks']>().toEqualTypeOf<GWebhookResource>();
    expectTypeOf<GWebhookObject>().toExtend<GRaw>();
    expectTypeOf<GWebhookCreateInput>().toBeObject();
    expectTypeOf<GClient['triggers']>().toEqualTypeOf<GTriggerResource>();
    expectTypeOf<GTriggerCreateInput>().toBeObject();
  });
  it('the fake: a FakeService whose settings the factory takes', () => {
    expectTypeOf<GFake>().toExtend<FakeService<GSettings, GFakeSeed, GFakeEvent, GFakeDelivery, unknown>>();
    expectTypeOf<GFake['settings']>().toExtend<GSettings>();
    expectTypeOf<ReturnType<typeof GT.createGoSquaredFake>>().toEqualTypeOf<Promise<GFake>>();
    expectTypeOf<Parameters<typeof GT.createGoSquaredFake>[0]>().toEqualTypeOf<GFakeOptions | undefined>();
  });
});

// instance
type IClient = I.InstanceClient;
type ISettings = I.InstanceSettings;
type IProvider = I.InstanceProvider;
type ISpec = I.InstanceSpec;
type IKind = I.InstanceKind;
type IChanges = I.InstanceChanges;
type IRaw = I.InstanceRaw;
type INormalized = I.InstanceNormalizedWebhook;
type IFake = IT.InstanceFake;
type IFakeOptions = IT.InstanceFakeOptions;
type IFakeSeed = IT.InstanceFakeSeed;
type IFakeEvent = IT.InstanceFakeEvent;
type IFakeDelivery = IT.InstanceFakeDelivery;
type IWebhookResource = I.InstanceWebhookResource;
type IWebhookObject = I.InstanceWebhook;
type IWebhookCreateInput = I.InstanceWebhookCreateInput;

describe('instance: the shapes of CONTRIBUTING.md', () => {
  it('factory, client, settings and adapter', () => {
    expectTypeOf<ReturnType<typeof I.createInstance>>().toEqualTypeOf<IClient>();
    expectTypeOf<Parameters<typeof I.createInstance>[0]>().toEqualTypeOf<ISettings>();
    expectTypeOf<ReturnType<typeof I.instanceProvider>>().toEqualTypeOf<IProvider>();
    expectTypeOf<IProvider>().toExtend<WebhookProvider<ISpec, IRaw, IKind, IChanges>>();
    expectTypeOf<INormalized>().toEqualTypeOf<NormalizedWebhook<IRaw, IKind>>();
  });
  it('a resource per kind, the objects and their inputs', () => {
    expectTypeOf<IClient['webhooks']>().toEqualTypeOf<IWebhookResource>();
    expectTypeOf<IWebhookObject>().toExtend<IRaw>();
    expectTypeOf<IWebhookCreateInput>().toBeObject();
    expectTypeOf<IWebhookObject['createdAt']>().toEqualTypeOf<Date>();
  });
  it('the fake: a FakeService whose settings the factory takes', () => {
    expectTypeOf<IFake>().toExtend<FakeService<ISettings, IFakeSeed, IFakeEvent, IFakeDelivery, unknown>>();
    expectTypeOf<IFake['settings']>().toExtend<ISettings>();
    expectTypeOf<ReturnType<typeof IT.createInstanceFake>>().toEqualTypeOf<Promise<IFake>>();
    expectTypeOf<Parameters<typeof IT.createInstanceFake>[0]>().toEqualTypeOf<IFakeOptions | undefined>();
  });
});
