import {
	OperationNodeTransformer,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type PrimitiveValueListNode,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow,
	type ValueNode
} from 'kysely';

/** U+0000 → U+FFFD, the character that stands for one that cannot be kept. */
const withoutNul = (value: unknown) =>
	typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;

class NulReplacer extends OperationNodeTransformer {
	protected override transformValue(node: ValueNode): ValueNode {
		return { ...node, value: withoutNul(node.value) };
	}

	protected override transformPrimitiveValueList(
		node: PrimitiveValueListNode
	): PrimitiveValueListNode {
		return { ...node, values: node.values.map(withoutNul) };
	}
}

/**
 * PostgreSQL text cannot hold U+0000 and fails the whole query ("invalid byte sequence"), where
 * SQLite stores it. Hostile input can carry one anywhere (a username typed at login, a warning's
 * title), and bad input must never become a server error, so on PostgreSQL each text value has
 * U+0000 replaced by U+FFFD before it is sent: a lookup then finds nothing instead of failing,
 * and stored text shows the replacement mark. Binary values (bytea) are not text: untouched.
 */
export class TextWithoutNul implements KyselyPlugin {
	private readonly replacer = new NulReplacer();

	transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
		return this.replacer.transformNode(node, queryId);
	}

	async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return result;
	}
}
