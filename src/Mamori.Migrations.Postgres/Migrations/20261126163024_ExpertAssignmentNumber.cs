using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ExpertAssignmentNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.AddColumn<string>(
                name: "EngagementNumber",
                table: "EngagementExperts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Copy each engagement's number into its assignments before the foreign key over (id, number) exists.
            migrationBuilder.Sql("""UPDATE "EngagementExperts" SET "EngagementNumber" = (SELECT e."Number" FROM "Engagements" AS e WHERE e."Id" = "EngagementExperts"."EngagementId");""");

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Engagements_Id_Number",
                table: "Engagements",
                columns: new[] { "Id", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts",
                columns: new[] { "EngagementId", "EngagementNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementNumber", "EngagementId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber",
                table: "EngagementExperts",
                columns: new[] { "EngagementId", "EngagementNumber" },
                principalTable: "Engagements",
                principalColumns: new[] { "Id", "Number" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Engagements_Id_Number",
                table: "Engagements");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.DropColumn(
                name: "EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId",
                table: "EngagementExperts",
                column: "EngagementId",
                principalTable: "Engagements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
