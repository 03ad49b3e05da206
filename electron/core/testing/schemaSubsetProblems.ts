import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, type GraphQLSchema } from 'graphql';

/**
 * How a test server's subset schema departs from the service's full published schema: every type,
 * field, argument and input field it declares must exist there with the same type, required
 * arguments and input fields must be declared, and the subset must be self-contained. [] = agrees.
 * (Linear's and GitHub's test servers both serve subsets.)
 */
export function schemaSubsetProblems(subset: GraphQLSchema, full: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const other = full.getType(type.name);
    if (!other) {
      problems.push(`type ${type.name} missing from the full schema`);
      continue;
    }
    if (type.constructor !== other.constructor) problems.push(`${type.name}: kind differs`);
    if (isScalarType(type)) continue;
    if (isEnumType(type) && isEnumType(other)) {
      for (const v of type.getValues()) if (!other.getValue(v.name)) problems.push(`${type.name}.${v.name} enum value missing`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(other) || isInterfaceType(other))) {
      const otherFields = other.getFields();
      for (const f of Object.values(type.getFields())) {
        const of = otherFields[f.name];
        if (!of) {
          problems.push(`${type.name}.${f.name} missing`);
          continue;
        }
        if (String(f.type) !== String(of.type)) problems.push(`${type.name}.${f.name}: ${String(f.type)} vs ${String(of.type)}`);
        for (const a of f.args) {
          const oa = of.args.find((x) => x.name === a.name);
          if (!oa) problems.push(`${type.name}.${f.name}(${a.name}) missing`);
          else if (String(a.type) !== String(oa.type)) problems.push(`${type.name}.${f.name}(${a.name}): ${String(a.type)} vs ${String(oa.type)}`);
        }
        for (const oa of of.args) {
          if (String(oa.type).endsWith('!') && oa.defaultValue === undefined && !f.args.some((a) => a.name === oa.name)) {
            problems.push(`${type.name}.${f.name}: required argument ${oa.name} not declared`);
          }
        }
      }
    }
    if (isInputObjectType(type) && isInputObjectType(other)) {
      const otherFields = other.getFields();
      for (const f of Object.values(type.getFields())) {
        const of = otherFields[f.name];
        if (!of) problems.push(`${type.name}.${f.name} missing`);
        else if (String(f.type) !== String(of.type)) problems.push(`${type.name}.${f.name}: ${String(f.type)} vs ${String(of.type)}`);
      }
      for (const of of Object.values(otherFields)) {
        if (String(of.type).endsWith('!') && !type.getFields()[of.name]) problems.push(`${type.name}: required input field ${of.name} not declared`);
      }
    }
    // Every named type a declared field refers to must itself be declared (the subset is self-contained).
    if (isObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        const named = getNamedType(f.type).name;
        if (!subset.getType(named)) problems.push(`${type.name}.${f.name}: type ${named} not declared`);
      }
    }
  }
  return problems;
}
