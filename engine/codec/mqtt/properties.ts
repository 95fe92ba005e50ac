// MQTT 5 properties (OASIS MQTT 5.0 §2.2.2.2): identifier, name and value type of each. Heads carry
// them as `properties: {name: value}`; user properties as an object of string pairs.

export type PropType = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'binary' | 'pair';

export const propertyTable: [id: number, name: string, type: PropType][] = [
  [1, 'payloadFormatIndicator', 'byte'],
  [2, 'messageExpiryInterval', 'u32'],
  [3, 'contentType', 'string'],
  [8, 'responseTopic', 'string'],
  [9, 'correlationData', 'binary'],
  [11, 'subscriptionIdentifier', 'varint'],
  [17, 'sessionExpiryInterval', 'u32'],
  [18, 'assignedClientIdentifier', 'string'],
  [19, 'serverKeepAlive', 'u16'],
  [21, 'authenticationMethod', 'string'],
  [22, 'authenticationData', 'binary'],
  [23, 'requestProblemInformation', 'byte'],
  [24, 'willDelayInterval', 'u32'],
  [25, 'requestResponseInformation', 'byte'],
  [26, 'responseInformation', 'string'],
  [28, 'serverReference', 'string'],
  [31, 'reasonString', 'string'],
  [33, 'receiveMaximum', 'u16'],
  [34, 'topicAliasMaximum', 'u16'],
  [35, 'topicAlias', 'u16'],
  [36, 'maximumQoS', 'byte'],
  [37, 'retainAvailable', 'byte'],
  [38, 'userProperties', 'pair'],
  [39, 'maximumPacketSize', 'u32'],
  [40, 'wildcardSubscriptionAvailable', 'byte'],
  [41, 'subscriptionIdentifierAvailable', 'byte'],
  [42, 'sharedSubscriptionAvailable', 'byte'],
];

export const propertyById = new Map(propertyTable.map(([id, name, type]) => [id, { name, type }]));
export const propertyByName = new Map(propertyTable.map(([id, name, type]) => [name, { id, type }]));
